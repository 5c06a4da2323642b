import { packageTestConfig } from "@org/imagegen-test-kit/vitest";

// The demo is tested end to end (a real subprocess, a real browser), not for coverage.
export default packageTestConfig();
