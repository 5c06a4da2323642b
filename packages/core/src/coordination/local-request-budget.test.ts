import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { systemClock } from "../shared/clock.js";
import { LocalRequestBudget } from "./local-request-budget.js";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** Acquires `count` times and records when each was granted, relative to the start. */
function acquireAll(budget: LocalRequestBudget, count: number, signal?: AbortSignal) {
  const start = Date.now();
  const granted: number[] = [];
  const all = Array.from({ length: count }, () =>
    budget.acquire(signal).then(() => {
      granted.push(Date.now() - start);
    }),
  );
  return { granted, all };
}

describe("the request budget of one process (a sliding window)", () => {
  it("grants up to the limit at once and queues the rest until the window slides", async () => {
    const budget = new LocalRequestBudget(3, 1_000, systemClock);
    const { granted, all } = acquireAll(budget, 7);
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toEqual([0, 0, 0]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(granted).toEqual([0, 0, 0, 1_000, 1_000, 1_000]);
    await vi.advanceTimersByTimeAsync(1_000);
    await Promise.all(all);
    expect(granted).toEqual([0, 0, 0, 1_000, 1_000, 1_000, 2_000]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("never allows more than the limit in any window", async () => {
    const budget = new LocalRequestBudget(5, 1_000, systemClock);
    const { granted, all } = acquireAll(budget, 40);
    await vi.runAllTimersAsync();
    await Promise.all(all);
    for (const at of granted) {
      expect(granted.filter((t) => t >= at && t < at + 1_000).length).toBeLessThanOrEqual(5);
    }
    expect(granted.at(-1)).toBe(7_000);
  });

  it("spaces grants that were spread out as the window requires", async () => {
    const budget = new LocalRequestBudget(2, 1_000, systemClock);
    await budget.acquire();
    await vi.advanceTimersByTimeAsync(600);
    await budget.acquire();
    const { granted } = acquireAll(budget, 2);
    await vi.advanceTimersByTimeAsync(400);
    expect(granted).toEqual([400]);
    await vi.advanceTimersByTimeAsync(600);
    expect(granted).toEqual([400, 1_000]);
  });

  it("drops a waiter whose signal aborts, and the rest keep their place", async () => {
    const budget = new LocalRequestBudget(1, 1_000, systemClock);
    await budget.acquire();
    const controller = new AbortController();
    const aborted = budget.acquire(controller.signal);
    const next = budget.acquire();
    controller.abort(new Error("gone"));
    await expect(aborted).rejects.toThrow("gone");
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(next).resolves.toBeUndefined();
  });

  it("clears its timer when the last waiter aborts", async () => {
    const budget = new LocalRequestBudget(1, 1_000, systemClock);
    await budget.acquire();
    const controller = new AbortController();
    const waiting = budget.acquire(controller.signal);
    expect(vi.getTimerCount()).toBe(1);
    controller.abort(new Error("gone"));
    await expect(waiting).rejects.toThrow("gone");
    expect(vi.getTimerCount()).toBe(0);
  });

  it("rejects at once on an already aborted signal", async () => {
    const budget = new LocalRequestBudget(1, 1_000, systemClock);
    await expect(budget.acquire(AbortSignal.abort(new Error("early")))).rejects.toThrow("early");
  });
});
