import { defineConfig } from "tsup";

export default defineConfig({
  // The bin is built beside the library (a CJS copy comes along unused); only the library gets types. Named
  // entries keep it at dist/bin.js, the path package.json publishes, though its source lives in src/server/.
  entry: { index: "src/index.ts", bin: "src/server/bin.ts" },
  format: ["esm", "cjs"],
  dts: { entry: { index: "src/index.ts" } },
  clean: true,
  sourcemap: true,
  target: "node20",
  platform: "node",
});
