import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["recipes/**/*.test.ts", "test/**/*.test.ts"],
    // The site test runs TypeDoc over every package: tens of seconds on two busy cores.
    testTimeout: 180_000,
    hookTimeout: 30_000,
  },
});
