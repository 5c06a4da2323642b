import { packageTestConfig } from "@org/imagegen-test-kit/vitest";
import { defineConfig, mergeConfig } from "vitest/config";

// The suite's results become docs/reliability.md through its own reporter.
export default mergeConfig(
  packageTestConfig(),
  defineConfig({ test: { reporters: ["./src/reliability-reporter.ts"] } }),
);
