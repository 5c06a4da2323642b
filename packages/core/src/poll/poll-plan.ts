/** Durations known before the schedule is learned from them rather than from the docs. */
export const LEARN_AFTER = 20;
/** Share of tasks the first poll may see more than one step after they finished. */
const EARLY_SHARE = 0.015;
/** Share of all tasks the plan may see more than one step late: early ones, skipped stretches, the tail. */
const LATE_SHARE = 0.035;
/** Polls while tasks finish come this fraction of the interval apart: jitter and sampling noise then stay under it. */
export const PLAN_SPACING = 0.9;
const MAX_PLANNED_POLLS = 200;

/**
 * Poll times (ms after submit, at the vendor's pace) learned from the durations tasks of this kind took lately
 * (ascending). The first poll comes one step after the earliest 1.5 % of them finished; then one every step
 * (0.9 × `intervalMs`) while tasks are still finishing, jumping over stretches in which none did; the last
 * few per cent are left to the usual back-off after the plan's end. At most 5 % of tasks are seen more than
 * one step after they finished, so the 95th-percentile detection lag stays under one interval, on whatever
 * shape the durations have. `undefined` while fewer than `LEARN_AFTER` durations are known.
 */
export function learnedPollTimes(durations: readonly number[], intervalMs: number): number[] | undefined {
  const n = durations.length;
  if (n < LEARN_AFTER) return undefined;
  const step = intervalMs * PLAN_SPACING;
  // A stretch with no recorded duration still holds about one n+1-th of tasks.
  const stretchShare = 1 / (n + 1);
  const early = Math.floor(EARLY_SHARE * n);
  let late = early / n;
  let at = (durations[early] as number) + step;
  const times = [at];
  for (let i = countUpTo(durations, at); i < n && times.length < MAX_PLANNED_POLLS; ) {
    // Stop where the tasks still running fit in what is left of the late share: the back-off takes them.
    if ((n - i) / n <= LATE_SHARE - late) break;
    const nextEnd = durations[i] as number;
    if (nextEnd - at > step && late + stretchShare <= LATE_SHARE) {
      at = nextEnd + step;
      late += stretchShare;
    } else {
      at += step;
    }
    times.push(at);
    i = countUpTo(durations, at);
  }
  return times;
}

/** How many of the ascending values are ≤ `x`. */
function countUpTo(values: readonly number[], x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((values[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
