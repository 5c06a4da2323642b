import { defineConfig } from "tsup";

// An app, not a library: two ESM entry points for Node, no types.
export default defineConfig({
  entry: ["src/cli.ts", "src/web.ts"],
  format: ["esm"],
  clean: true,
  sourcemap: true,
  target: "node20",
  platform: "node",
});
