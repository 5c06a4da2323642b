import { describeCoordinator } from "@org/imagegen-test-kit";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { inMemoryCoordinator } from "./in-memory-coordinator.js";

// The same contract tests the Redis coordinator passes; two clients of one process share one instance.
describeCoordinator("in memory", () => {
  const shared = inMemoryCoordinator();
  return { a: shared, b: shared };
});

describe("in-memory task slots on a virtual clock", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("a waiter is served when a bound lease ends, even if an earlier check was set for a longer unbound one", async () => {
    const coordinator = inMemoryCoordinator();
    const never = new AbortController().signal;
    const slot = await coordinator.acquireTaskSlot("p", { capacity: 1, leaseMs: 60_000 }, never);
    let served = false;
    void coordinator.acquireTaskSlot("p", { capacity: 1, leaseMs: 60_000 }, never).then(() => {
      served = true;
    });
    await slot.bind("task-1", 5_000);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(served).toBe(true);
  });
});
