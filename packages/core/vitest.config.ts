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
      // Type-only modules and the re-exporting entry point hold no code to cover.
      exclude: [
        "src/**/*.test.ts",
        "src/test-support/**",
        "src/index.ts",
        "src/events.ts",
        "src/provider.ts",
      ],
      reporter: ["text-summary", "json-summary"],
      // The lifecycle core must be covered completely: every transition, every retry branch.
      thresholds: {
        statements: 97,
        branches: 95,
        functions: 95,
        lines: 97,
        "src/task-state.ts": { statements: 100, branches: 100, functions: 100, lines: 100 },
        "src/poll-schedule.ts": { statements: 100, branches: 100, functions: 100, lines: 100 },
        "src/retry.ts": { statements: 100, branches: 100, functions: 100, lines: 100 },
        "src/retry-policy.ts": { statements: 100, branches: 100, functions: 100, lines: 100 },
      },
    },
  },
});
