import { packageTestConfig } from "@org/imagegen-test-kit/vitest";

// Only the simulation's own machinery is tested here; the benchmarks themselves run with `pnpm bench`.
export default packageTestConfig();
