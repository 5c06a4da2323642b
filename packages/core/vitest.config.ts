import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts"],
      exclude: ["src/**/*.test.ts", "src/test-support/**"],
      reporter: ["text-summary", "json-summary"],
      // The lifecycle core must be covered completely: every transition, every retry branch.
      thresholds: {
        "src/task-state.ts": { statements: 100, branches: 100, functions: 100, lines: 100 },
        "src/poll-schedule.ts": { statements: 100, branches: 100, functions: 100, lines: 100 },
        "src/retry.ts": { statements: 100, branches: 100, functions: 100, lines: 100 },
        "src/retry-policy.ts": { statements: 100, branches: 100, functions: 100, lines: 100 },
      },
    },
  },
});
