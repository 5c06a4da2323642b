import { mean, quantile } from "./stats.js";

export interface ScheduleOutcome {
  callsPerTask: number;
  lagP95Ms: number;
}

/** Status calls and the 95th percentile of detection lag of a fixed schedule (poll offsets from submit). */
export function runSchedule(durations: readonly number[], polls: readonly number[]): ScheduleOutcome {
  const calls: number[] = [];
  const lags: number[] = [];
  for (const duration of durations) {
    const index = firstAtOrAfter(polls, duration);
    calls.push(index + 1);
    lags.push((polls[index] as number) - duration);
  }
  return { callsPerTask: mean(calls), lagP95Ms: quantile(lags, 0.95) };
}

/**
 * The fewest status calls per task that any fixed schedule can make for exactly these durations while its
 * 95th-percentile detection lag stays at or under `maxLagMs`: a bound no real scheduler (which does not know
 * the durations in advance) can beat. Dynamic programming over poll times on a grid, with a Lagrange
 * multiplier on the share of tasks detected later than `maxLagMs`, searched by bisection.
 */
export function bestSchedule(durations: readonly number[], maxLagMs: number, gridMs = 250): ScheduleOutcome {
  const sorted = [...durations].sort((a, b) => a - b);
  const last = sorted.at(-1) as number;
  const grid = Array.from({ length: Math.ceil(last / gridMs) + 2 }, (_, i) => i * gridMs);
  const cdf = (t: number) => firstAfter(sorted, t) / sorted.length;
  const done = grid.map(cdf);
  const doneBeforeLag = grid.map((t) => cdf(t - maxLagMs));
  const n = grid.length;

  const plan = (lambda: number): number[] => {
    const value = new Float64Array(n);
    const next = new Int32Array(n).fill(-1);
    for (let a = n - 2; a >= 0; a--) {
      const alive = 1 - (done[a] as number);
      if (alive <= 0) continue;
      let best = Number.POSITIVE_INFINITY;
      for (let b = a + 1; b < n; b++) {
        // Every task still running at `a` pays for the poll at `b`; those that finish before `b - maxLag`
        // are seen later than `maxLag`.
        const late = Math.max(0, (doneBeforeLag[b] as number) - (done[a] as number));
        const cost = alive + lambda * late + (value[b] as number);
        if (cost < best) {
          best = cost;
          next[a] = b;
        }
      }
      value[a] = best;
    }
    const polls: number[] = [];
    for (let a = next[0] as number; a >= 0; a = next[a] as number) polls.push(grid[a] as number);
    return polls;
  };

  let low = 0;
  let high = 1_000;
  let best = runSchedule(sorted, plan(high));
  for (let step = 0; step < 24; step++) {
    const lambda = (low + high) / 2;
    const outcome = runSchedule(sorted, plan(lambda));
    if (outcome.lagP95Ms <= maxLagMs) {
      high = lambda;
      best = outcome;
    } else {
      low = lambda;
    }
  }
  return best;
}

/** Index of the first value ≥ `x` in an ascending list (its length when there is none). */
function firstAtOrAfter(values: readonly number[], x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((values[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many values are ≤ `x` in an ascending list. */
function firstAfter(values: readonly number[], x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((values[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
