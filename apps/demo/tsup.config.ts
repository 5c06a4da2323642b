import { defineConfig } from "tsup";

// An app, not a library: two ESM entry points for Node, no types.
export default defineConfig({
  entry: { cli: "src/cli/cli.ts", web: "src/web/web.ts" },
  format: ["esm"],
  clean: true,
  sourcemap: true,
  target: "node20",
  platform: "node",
});
