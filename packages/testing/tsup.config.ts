import { defineConfig } from "tsup";

export default defineConfig({
  // The bin is built beside the library (a CJS copy comes along unused); only the library gets types.
  entry: ["src/index.ts", "src/bin.ts"],
  format: ["esm", "cjs"],
  dts: { entry: { index: "src/index.ts" } },
  clean: true,
  sourcemap: true,
  target: "node20",
  platform: "node",
});
