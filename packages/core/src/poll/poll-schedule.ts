import { DEFAULT_POLL_OPTIONS, type PollOptions, type ResolvedPollOptions } from "../model/poll-options.js";
import type { LatencyRange } from "../model/task.js";
import type { ValidationIssue } from "../model/validation-issue.js";
import { MAX_TIMER_MS } from "../shared/clock.js";
import { delayProblem } from "../shared/durations.js";
import { withOverrides } from "../shared/overrides.js";

/**
 * Why each given poll option cannot be used (`path` prefixes the field names); empty when all can. Intervals
 * of 0, NaN or less, and a time scale of 0, would poll the vendor in a tight loop.
 */
export function checkPollOptions(options: PollOptions | undefined, path: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const { initialDelayMs, intervalMs, maxIntervalMs, jitter, timeScale } = options ?? {};
  const delay = (key: keyof ResolvedPollOptions, value: number | undefined, zero = false) => {
    const problem = value === undefined ? undefined : delayProblem(value, { zero });
    if (problem) issues.push({ path: `${path}.${key}`, message: problem });
  };
  delay("initialDelayMs", initialDelayMs, true); // 0: the first status call right after submit
  delay("intervalMs", intervalMs);
  delay("maxIntervalMs", maxIntervalMs);
  if (jitter !== undefined && !(jitter >= 0 && jitter <= 1)) {
    issues.push({ path: `${path}.jitter`, message: "must be a fraction from 0 to 1" });
  }
  if (timeScale !== undefined && !(timeScale > 0 && Number.isFinite(timeScale))) {
    issues.push({ path: `${path}.timeScale`, message: "must be a finite number greater than 0" });
  }
  return issues;
}

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
  /** Poll times learned from recent tasks (`learnedPollTimes`, at the options' time scale), if any. */
  plan?: readonly number[] | undefined;
  /** Uniform random number in [0, 1). */
  random: () => number;
}

/**
 * The delay before the next status call. The first call waits for `initialDelayMs` after submit (less
 * whatever already elapsed, so a resumed wait does not start over); later ones every `intervalMs`.
 * Past the typical latency the interval grows with the overrun (a quarter of it, capped), which keeps
 * detection lag proportional while a stuck task costs few calls. A submit time in the future (another
 * machine's clock running ahead) counts as just submitted. With a learned `plan`, polls come at its times
 * instead (each at most `jitter` of an interval early, so they never drift), then back off from its end.
 */
export function nextPollDelay({ polls, elapsedMs, options, expected, plan, random }: PollDelayInput): number {
  const elapsed = elapsedMs > 0 ? elapsedMs : 0;
  if (plan !== undefined) return plannedDelay(polls, elapsed, options, plan, random);
  let base: number;
  if (polls === 0) {
    base = Math.max(0, options.initialDelayMs - elapsed);
  } else {
    const overrun = expected ? elapsed - expected.max : 0;
    base = Math.max(options.intervalMs, Math.min(options.maxIntervalMs, overrun / 4));
  }
  // A time scale above 1 may stretch a delay past what one timer can wait.
  return Math.min(MAX_TIMER_MS, Math.max(0, Math.round(base * (1 - options.jitter * random()))));
}

function plannedDelay(
  polls: number,
  elapsedMs: number,
  options: ResolvedPollOptions,
  plan: readonly number[],
  random: () => number,
): number {
  const { intervalMs, maxIntervalMs, jitter } = options;
  // A resumed wait past the first planned poll polls at once; after a call that took long (or was retried),
  // the next planned poll may be close: keep half an interval.
  // A plan has at least one time (`learnedPollTimes` never returns an empty one).
  const next =
    polls === 0 ? Math.max(elapsedMs, plan[0] as number) : plan.find((at) => at > elapsedMs + intervalMs / 2);
  const last = plan[plan.length - 1] as number;
  const base =
    next !== undefined
      ? Math.max(0, next - elapsedMs)
      : Math.max(intervalMs, Math.min(maxIntervalMs, (elapsedMs - last) / 4));
  const early = jitter * Math.min(base, intervalMs) * random();
  return Math.min(MAX_TIMER_MS, Math.max(0, Math.round(base - early)));
}
