import { type Overrides, withOverrides } from "../shared/overrides.js";
import type { LatencyRange } from "./task.js";

/** When to ask a vendor for a task's status. */
export interface ResolvedPollOptions {
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
  /**
   * Runs the whole schedule (every delay and the model's typical latency) at this fraction of the vendor's
   * pace. For a vendor emulator that runs faster than the vendor: pass the emulator's own time scale (0.01:
   * a hundred times faster). Default 1, the vendor's pace.
   */
  timeScale: number;
}

export type PollOptions = Overrides<ResolvedPollOptions>;

export const DEFAULT_POLL_OPTIONS: ResolvedPollOptions = {
  initialDelayMs: 5_000,
  intervalMs: 3_000,
  maxIntervalMs: 15_000,
  jitter: 0.1,
  timeScale: 1,
};

/**
 * Merges poll options, later layers winning: defaults, the vendor's documented advice, then the client's and
 * the call's options. Unless a layer sets `initialDelayMs`, the first poll comes one interval after the low end
 * of the typical latency: a poll at the low end itself finds next to nothing done, and one interval later
 * catches the early finishers with no more lag than any later poll.
 */
export function resolvePollOptions(
  expected: LatencyRange | undefined,
  ...layers: (PollOptions | undefined)[]
): ResolvedPollOptions {
  const merged = withOverrides(DEFAULT_POLL_OPTIONS, ...layers);
  const chosen = layers.some((layer) => layer?.initialDelayMs !== undefined);
  return chosen || !expected ? merged : { ...merged, initialDelayMs: expected.min + merged.intervalMs };
}

/** The schedule as run: delays and the typical latency at the options' time scale. */
export function scaleSchedule(
  options: ResolvedPollOptions,
  expected: LatencyRange | undefined,
): { options: ResolvedPollOptions; expected: LatencyRange | undefined } {
  const scale = options.timeScale;
  if (scale === 1) return { options, expected };
  return {
    options: {
      ...options,
      initialDelayMs: options.initialDelayMs * scale,
      intervalMs: options.intervalMs * scale,
      maxIntervalMs: options.maxIntervalMs * scale,
    },
    expected: expected && { min: expected.min * scale, max: expected.max * scale },
  };
}

export interface PollDelayInput {
  /** Status calls made so far for this task. */
  polls: number;
  /** Time since the task was submitted. */
  elapsedMs: number;
  options: ResolvedPollOptions;
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
