import type { ModelCapabilities } from "../provider/image-provider.js";
import type { Resolution } from "../request/image-request.js";
import { mergeSettings, type Settings } from "../shared/settings.js";
import type { LatencyRange } from "./task.js";

/** When to ask a vendor for a task's status. */
export interface PollOptions {
  /** Delay from submit to the first status call. */
  initialDelayMs: number;
  /** Delay between status calls while the task is within its typical latency. */
  intervalMs: number;
  /** Upper bound of the interval once a task runs past its typical latency. */
  maxIntervalMs: number;
  /**
   * Random spread of every delay, as a fraction (0.1: up to 10 % earlier), so many tasks do not poll in
   * lockstep. Delays are only ever shortened, so spreading the load never adds detection lag.
   */
  jitter: number;
}

export type PollSettings = Settings<PollOptions>;

export const DEFAULT_POLL_OPTIONS: PollOptions = {
  initialDelayMs: 5_000,
  intervalMs: 3_000,
  maxIntervalMs: 15_000,
  jitter: 0.1,
};

/** The model's typical latency for a request, by resolution when the table says so. */
export function expectedLatency(
  capabilities: ModelCapabilities,
  resolution: Resolution | undefined,
): LatencyRange {
  const { min, max, byResolution } = capabilities.latencyMs;
  return (resolution && byResolution?.[resolution]) || { min, max };
}

/**
 * Merges poll options, later layers winning: defaults, the vendor's documented advice, then the client's and
 * the call's options. Unless a layer sets `initialDelayMs`, the first poll comes one interval after the low end
 * of the typical latency: a poll at the low end itself finds next to nothing done, and one interval later
 * catches the early finishers with no more lag than any later poll.
 */
export function resolvePollOptions(
  expected: LatencyRange | undefined,
  ...layers: (PollSettings | undefined)[]
): PollOptions {
  const merged = mergeSettings(DEFAULT_POLL_OPTIONS, ...layers);
  const chosen = layers.some((layer) => layer?.initialDelayMs !== undefined);
  return chosen || !expected ? merged : { ...merged, initialDelayMs: expected.min + merged.intervalMs };
}

export interface PollDelayInput {
  /** Status calls made so far for this task. */
  polls: number;
  /** Time since the task was submitted. */
  elapsedMs: number;
  options: PollOptions;
  expected: LatencyRange | undefined;
  /** Uniform random number in [0, 1). */
  random: () => number;
}

/**
 * The delay before the next status call. The first call waits for `initialDelayMs` after submit (less
 * whatever already elapsed, so a resumed wait does not start over); later ones every `intervalMs`.
 * Past the typical latency the interval grows with the overrun (a quarter of it, capped), which keeps
 * detection lag proportional while a stuck task costs few calls.
 */
export function nextPollDelay({ polls, elapsedMs, options, expected, random }: PollDelayInput): number {
  let base: number;
  if (polls === 0) {
    base = Math.max(0, options.initialDelayMs - elapsedMs);
  } else {
    const overrun = expected ? elapsedMs - expected.max : 0;
    base = Math.max(options.intervalMs, Math.min(options.maxIntervalMs, overrun / 4));
  }
  return Math.max(0, Math.round(base * (1 - options.jitter * random())));
}
