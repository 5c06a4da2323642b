import { packageTestConfig } from "@org/imagegen-test-kit/vitest";

export default packageTestConfig({
  // Type-only modules, entry points that only re-export and the two-line bin hold no logic to cover. The
  // conformance suite is covered where it runs: by the adapters and the toy vendor that call `describeAdapter`.
  exclude: [
    "src/engine/emulator.ts",
    "src/server/bin.ts",
    "src/emulator-kit.ts",
    "src/conformance.ts",
    "src/conformance/**",
  ],
  thresholds: { statements: 97, branches: 90, functions: 95, lines: 97 },
});
