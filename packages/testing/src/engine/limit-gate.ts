import type { EmulatorLimits } from "./emulator-options.js";

const WINDOW_MS = 60_000;

/**
 * The vendor's quotas: a sliding one-minute request window and a cap on unfinished tasks. Without limits it
 * admits everything but still counts unfinished tasks, for the emulator's stats.
 */
export class LimitGate {
  readonly #limits: EmulatorLimits | undefined;
  /** Request times in a ring: the oldest is at #head, so pruning is O(1) per expired request. */
  readonly #times: number[] = [];
  #head = 0;
  /** Finish times of unfinished tasks (Infinity for tasks that never finish). */
  readonly #active = new Map<string, number>();
  #peakActive = 0;

  constructor(limits: EmulatorLimits | undefined) {
    this.#limits = limits;
  }

  /** Counts one request; false when it is over the per-minute quota (and then it is not counted). */
  admitRequest(now: number): boolean {
    if (this.#limits === undefined) return true;
    while (this.#head < this.#times.length && (this.#times[this.#head] ?? 0) <= now - WINDOW_MS) this.#head++;
    if (this.#head > 1024 && this.#head * 2 > this.#times.length) {
      this.#times.splice(0, this.#head);
      this.#head = 0;
    }
    if (this.#times.length - this.#head >= this.#limits.requestsPerMinute) return false;
    this.#times.push(now);
    return true;
  }

  /** Whether one more task may start now. */
  hasTaskCapacity(now: number): boolean {
    return this.#limits === undefined || this.activeTasks(now) < this.#limits.concurrentTasks;
  }

  startTask(id: string, finishesAt: number | undefined, now: number): void {
    this.activeTasks(now);
    this.#active.set(id, finishesAt ?? Number.POSITIVE_INFINITY);
    this.#peakActive = Math.max(this.#peakActive, this.#active.size);
  }

  activeTasks(now: number): number {
    for (const [id, finishesAt] of this.#active) if (finishesAt <= now) this.#active.delete(id);
    return this.#active.size;
  }

  get peakActiveTasks(): number {
    return this.#peakActive;
  }
}
