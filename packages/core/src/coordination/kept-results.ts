import type { TaskStatus } from "../model/task.js";
import type { Clock } from "../shared/clock.js";
import type { TaskRef } from "./coordinator.js";

type Listener = (status: TaskStatus) => void;

/**
 * Confirmed terminal statuses, kept for a while (bounded in time and count) so a wait that starts after the
 * delivery returns at once, and passed to every watcher of the task as they arrive.
 */
export class KeptResults {
  private readonly results = new Map<string, { status: TaskStatus; expiresAt: number }>();
  private readonly watchers = new Map<string, Set<Listener>>();

  constructor(
    private readonly clock: Clock,
    private readonly maxResults: number,
  ) {}

  publish(task: TaskRef, status: TaskStatus, ttlMs: number): void {
    const key = keyOf(task);
    // Re-inserting moves the entry to the end, so the map's order is the order of expiry.
    this.results.delete(key);
    this.results.set(key, { status, expiresAt: this.clock.now() + ttlMs });
    this.evict();
    for (const listener of [...(this.watchers.get(key) ?? [])]) listener(status);
  }

  read(task: TaskRef): TaskStatus | undefined {
    const key = keyOf(task);
    const kept = this.results.get(key);
    if (kept && kept.expiresAt > this.clock.now()) return kept.status;
    this.results.delete(key);
    return undefined;
  }

  watch(task: TaskRef, listener: Listener): () => void {
    const key = keyOf(task);
    const listeners = this.watchers.get(key) ?? new Set<Listener>();
    this.watchers.set(key, listeners);
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) this.watchers.delete(key);
    };
  }

  private evict(): void {
    const now = this.clock.now();
    for (const [key, kept] of this.results) {
      if (kept.expiresAt > now && this.results.size <= this.maxResults) break;
      this.results.delete(key);
    }
  }
}

/** Task ids are unique per provider, not across providers. */
function keyOf({ provider, taskId }: TaskRef): string {
  return `${provider}\u0000${taskId}`;
}
