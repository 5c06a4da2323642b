// Plain JavaScript (typed by vitest-config.d.ts): vitest loads configs with Node, which cannot import TypeScript
// from a package.
import { defineConfig } from "vitest/config";

/** @param {import("./vitest-config.js").CoverageSettings} [coverage] */
export function packageTestConfig(coverage) {
  return defineConfig({
    test: {
      include: ["src/**/*.test.ts"],
      // A guard against hangs, not a speed check: in CI the whole suite shares two cores, and rendering an image
      // or a property run can take seconds there.
      testTimeout: 30_000,
      reporters: ["default", "json"],
      outputFile: { json: "test-results.json" },
      ...(coverage && {
        coverage: {
          provider: "v8",
          include: ["src/**/*.ts"],
          exclude: [
            "src/**/*.test.ts",
            "src/**/*.test-d.ts",
            "src/test-support/**",
            "src/index.ts",
            ...(coverage.exclude ?? []),
          ],
          reporter: ["text-summary", "json-summary"],
          thresholds: coverage.thresholds,
        },
      }),
    },
  });
}
