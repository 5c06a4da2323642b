import { packageTestConfig } from "@org/imagegen-test-kit/vitest";
import { defineConfig, mergeConfig } from "vitest/config";

// One pack and one npm install for the whole suite (global setup); each case then runs Node programs in that
// folder. A cold npm cache or two busy cores make those slow, hence the long timeouts.
export default mergeConfig(
  packageTestConfig(),
  defineConfig({ test: { globalSetup: ["./src/global-setup.ts"], testTimeout: 120_000 } }),
);
