import { defineConfig } from "tsup";

export default defineConfig({
  // The user API, the adapter SPI and the schema builders adapters share; shared code lands in common chunks
  // (CJS too), so an error class thrown by a provider helper is the same class applications catch.
  entry: { index: "src/index.ts", provider: "src/provider/index.ts", schema: "src/provider/schema.ts" },
  splitting: true,
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "es2022",
  platform: "neutral",
  // zod's runtime is bundled, only the parts core and its adapters use: importing core then reads a few files
  // instead of zod's hundred modules and its locales (most of core's cold start). Its types still come from
  // the zod package, which stays a dependency for them.
  noExternal: [/^zod(\/|$)/],
});
