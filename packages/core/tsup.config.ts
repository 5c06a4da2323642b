import { defineConfig } from "tsup";

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
});
