import { packageTestConfig } from "@org/imagegen-test-kit/vitest";

export default packageTestConfig({ thresholds: { statements: 95, branches: 85, functions: 90, lines: 95 } });
