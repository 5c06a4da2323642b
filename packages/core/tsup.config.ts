import { defineConfig } from "tsup";

// ky ships ESM only: `require` cannot load it before Node 20.19, and loads it without a default export after.
// So the CJS build carries its own copy, while the ESM build imports it and ESM users share one ky.
const BUNDLED_IN_CJS = ["ky"];

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
  // `noExternal` applies to every format, so the ESM build marks the same packages external to esbuild again.
  // (It is told by tsup's format: a CJS build with splitting runs esbuild as ESM, then converts.)
  noExternal: BUNDLED_IN_CJS,
  esbuildOptions(options, { format }) {
    if (format === "esm") options.external = [...(options.external ?? []), ...BUNDLED_IN_CJS];
  },
});
