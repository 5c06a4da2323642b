import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["recipes/**/*.test.ts", "test/**/*.test.ts"],
    // A guard against hangs, not a speed check: the whole suite shares two cores in CI.
    testTimeout: 30_000,
    // The JSON report is what scripts/test-summary.mjs adds up for the suite's total.
    reporters: ["default", "json"],
    outputFile: { json: "test-results.json" },
  },
});
