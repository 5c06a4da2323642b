import { defineConfig } from "tsup";

// Built like an app; the libraries measured are left external so each is loaded as its users load it.
export default defineConfig({
  entry: ["src/run.ts", "src/plain-server.ts", "src/scale-run.ts", "src/scale-out-worker.ts"],
  format: ["esm"],
  clean: true,
  target: "node20",
  platform: "node",
  skipNodeModulesBundle: true,
});
