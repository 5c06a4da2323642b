import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // A guard against hangs, not a speed check: in CI the whole suite shares two cores, and rendering an image
    // or a property run can take seconds there.
    testTimeout: 30_000,
    reporters: ["default", "json"],
    outputFile: { json: "test-results.json" },
  },
});
