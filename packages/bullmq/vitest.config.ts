import { packageTestConfig } from "@org/imagegen-test-kit/vitest";

export default packageTestConfig({
  // Type-only module.
  exclude: ["src/image-job.ts"],
  thresholds: { statements: 90, branches: 80, functions: 85, lines: 90 },
});
