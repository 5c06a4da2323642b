import { defineConfig } from "tsup";

// ky ships ESM only: `require` cannot load it before Node 20.19, and loads it without a default export after.
// So the CJS build carries its own copy, while the ESM build imports it and ESM users share one ky. tsup's
// `noExternal` applies to every format: the plugin keeps ky external in the ESM build.
const BUNDLED_IN_CJS = /^ky$/;

export default defineConfig({
  // The user API and the adapter SPI; shared code lands in common chunks (CJS too), so an error class thrown by
  // a provider helper is the same class applications catch.
  entry: { index: "src/index.ts", provider: "src/provider/index.ts" },
  splitting: true,
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "es2022",
  platform: "neutral",
  noExternal: [BUNDLED_IN_CJS],
  esbuildPlugins: [
    {
      name: "external-in-esm",
      setup(build) {
        if (build.initialOptions.format !== "esm") return;
        build.onResolve({ filter: BUNDLED_IN_CJS }, ({ path }) => ({ path, external: true }));
      },
    },
  ],
});
