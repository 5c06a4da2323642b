import { packageTestConfig } from "@org/imagegen-test-kit/vitest";

export default packageTestConfig({ thresholds: { statements: 97, branches: 95, functions: 95, lines: 97 } });
