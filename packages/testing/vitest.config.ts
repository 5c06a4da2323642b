import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // A guard against hangs, not a speed check: in CI the whole suite shares two cores, and rendering an image
    // or a property run can take seconds there.
    testTimeout: 30_000,
    reporters: ["default", "json"],
    outputFile: { json: "test-results.json" },
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts"],
      // Type-only modules, the re-exporting entry point and the two-line bin hold no logic to cover.
      exclude: ["src/**/*.test.ts", "src/test-support/**", "src/index.ts", "src/emulator.ts", "src/bin.ts"],
      reporter: ["text-summary", "json-summary"],
      thresholds: { statements: 97, branches: 90, functions: 95, lines: 97 },
    },
  },
});
