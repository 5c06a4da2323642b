/** One task's cost and delay under a poll strategy. */
export interface PollOutcome {
  statusCalls: number;
  lagMs: number;
}

/**
 * The vendors' quickstart sample loop: poll every 3 s from submit until done. Written as the loop itself, so
 * the baseline is the code users copy.
 */
export function quickstartLoop(durationMs: number, intervalMs = 3_000): PollOutcome {
  let t = 0;
  let statusCalls = 0;
  do {
    t += intervalMs;
    statusCalls++;
  } while (t < durationMs);
  return { statusCalls, lagMs: t - durationMs };
}

/** The docs' advice: the first poll after `firstPollMs` (10 s for nano-banana, 20 s for pro), then every 3 s. */
export function docsAdvice(durationMs: number, firstPollMs: number, intervalMs = 3_000): PollOutcome {
  let t = firstPollMs;
  let statusCalls = 1;
  while (t < durationMs) {
    t += intervalMs;
    statusCalls++;
  }
  return { statusCalls, lagMs: t - durationMs };
}
