import { packageTestConfig } from "@org/imagegen-test-kit/vitest";

export default packageTestConfig();
