import { describeCoordinator } from "@org/imagegen-test-kit";
import { inMemoryCoordinator } from "./in-memory-coordinator.js";

// The same contract tests the Redis coordinator passes; two clients of one process share one instance.
describeCoordinator("in memory", () => {
  const shared = inMemoryCoordinator();
  return { a: shared, b: shared };
});
