import { packageTestConfig } from "@org/imagegen-test-kit/vitest";

export default packageTestConfig({
  // Type-only modules and the two-line bin hold no logic to cover.
  exclude: ["src/engine/emulator.ts", "src/server/bin.ts"],
  thresholds: { statements: 97, branches: 90, functions: 95, lines: 97 },
});
