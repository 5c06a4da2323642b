import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    reporters: ["default", "json"],
    outputFile: { json: "test-results.json" },
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts"],
      exclude: ["src/**/*.test.ts", "src/test-support/**", "src/index.ts"],
      reporter: ["text-summary", "json-summary"],
      thresholds: { statements: 97, branches: 95, functions: 95, lines: 97 },
    },
  },
});
