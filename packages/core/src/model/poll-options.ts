import type { Overrides } from "../shared/overrides.js";

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
