import { packageTestConfig } from "@org/imagegen-test-kit/vitest";
import { defineConfig, mergeConfig } from "vitest/config";

// Child processes and a shared emulator: one file at a time keeps the two cores for the processes under test.
export default mergeConfig(
  packageTestConfig(),
  defineConfig({
    test: {
      fileParallelism: false,
      testTimeout: 120_000,
      reporters: ["./src/support/scale-out-reporter.ts"],
    },
  }),
);
