import { MAX_TIMER_MS } from "./clock.js";

const LONGEST = `${MAX_TIMER_MS} (about 24.8 days)`;

/**
 * Why a deadline cannot be used, or `undefined` when it can. A deadline is a number of ms above 0, of any
 * length (long ones are chained from shorter timers), or `Infinity` for none; NaN is refused, not read as "none".
 */
export function timeoutProblem(value: unknown): string | undefined {
  if (typeof value !== "number" || Number.isNaN(value) || value <= 0) {
    return "must be a number of ms greater than 0 (or Infinity for no deadline)";
  }
  return undefined;
}

/**
 * Why a delay between calls cannot be used, or `undefined` when it can: a finite number of ms, above 0 (or
 * from 0 with `zero`), no longer than one timer can wait. A delay of 0, NaN or less would poll in a tight loop.
 */
export function delayProblem(value: unknown, { zero = false } = {}): string | undefined {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || (value === 0 && !zero)) {
    return `must be a finite number of ms ${zero ? "of 0 or more" : "greater than 0"}`;
  }
  if (value > MAX_TIMER_MS) return `must be at most ${LONGEST}`;
  return undefined;
}
