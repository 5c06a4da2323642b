import type { TaskHandle } from "../model/task.js";

/**
 * How long tasks of one kind (provider, model and typical latency, i.e. resolution) have lately taken, learned
 * from the tasks seen to end, so the poll schedule can follow the vendor rather than its docs alone. A client
 * keeps one in memory; an implementation shared through a coordinator lets every process learn from all tasks.
 * Both methods may be called concurrently and may answer asynchronously.
 */
export interface LatencyEstimator {
  /** Records how long one task took, in ms at the vendor's own pace (not an emulator's time scale). */
  observe(key: string, durationMs: number): void | Promise<void>;
  /** The durations recorded lately for this kind of task, ascending; empty when none are. */
  estimate(key: string): readonly number[] | Promise<readonly number[]>;
}

/** The kind of task a handle is, for the estimator: the documented latency tells resolutions apart. */
export function latencyKey(handle: TaskHandle): string {
  const expected = handle.expectedLatencyMs;
  return `${handle.provider}:${handle.model}:${expected ? `${expected.min}-${expected.max}` : ""}`;
}

/** Durations kept per kind of task: the newest replace the oldest, so the schedule follows a vendor that changes. */
export const KEPT_DURATIONS = 256;
/** Kinds of task remembered; the least recently observed is forgotten first. */
const KEPT_KINDS = 64;

/** The default estimator: in memory, bounded (at most 64 kinds × 256 durations), per client. */
export function inMemoryLatencyEstimator(): LatencyEstimator {
  const kinds = new Map<string, { durations: Float64Array; count: number; next: number }>();
  return {
    observe(key, durationMs) {
      if (!(durationMs >= 0 && Number.isFinite(durationMs))) return;
      let kind = kinds.get(key);
      if (kind === undefined) {
        if (kinds.size >= KEPT_KINDS) kinds.delete(kinds.keys().next().value as string);
        kind = { durations: new Float64Array(KEPT_DURATIONS), count: 0, next: 0 };
      } else {
        kinds.delete(key);
      }
      // Re-inserted, so the map's order is the order of last use.
      kinds.set(key, kind);
      kind.durations[kind.next] = durationMs;
      kind.next = (kind.next + 1) % KEPT_DURATIONS;
      kind.count = Math.min(KEPT_DURATIONS, kind.count + 1);
    },
    estimate(key) {
      const kind = kinds.get(key);
      if (kind === undefined) return [];
      return Array.from(kind.durations.subarray(0, kind.count)).sort((a, b) => a - b);
    },
  };
}
