import { type Clock, systemClock } from "../shared/clock.js";
import type { Coordinator } from "./coordinator.js";
import { KeptResults } from "./kept-results.js";
import { LocalRequestBudget } from "./local-request-budget.js";
import { LocalTaskSlots } from "./local-task-slots.js";

export interface InMemoryCoordinatorOptions {
  /** Most callback results kept at once; the oldest go first. Default 10,000. */
  maxResults?: number | undefined;
  /** Injectable time, for tests and simulations. */
  clock?: Clock | undefined;
}

/**
 * The coordinator of one process: give the same instance to several clients and they share each vendor's
 * request budget, task slots and callback results. Every client without a `coordinator` gets its own.
 */
export function inMemoryCoordinator(options: InMemoryCoordinatorOptions = {}): Coordinator {
  const clock = options.clock ?? systemClock;
  const budgets = new Map<string, LocalRequestBudget>();
  const slots = new Map<string, LocalTaskSlots>();
  const results = new KeptResults(clock, options.maxResults ?? 10_000);
  const slotsOf = (provider: string) => {
    const pool = slots.get(provider) ?? new LocalTaskSlots(clock);
    slots.set(provider, pool);
    return pool;
  };

  return {
    acquireRequest(provider, { requests, windowMs }, signal) {
      const budget = budgets.get(provider) ?? new LocalRequestBudget(requests, windowMs, clock);
      budgets.set(provider, budget);
      return budget.acquire(signal);
    },
    acquireTaskSlot: (provider, request, signal) => slotsOf(provider).acquire(request, signal),
    async releaseTask({ provider, taskId }) {
      slots.get(provider)?.releaseTask(taskId);
    },
    async publishResult(task, status, ttlMs) {
      results.publish(task, status, ttlMs);
    },
    async readResult(task) {
      return results.read(task);
    },
    async watchResult(task, listener) {
      return results.watch(task, listener);
    },
  };
}
