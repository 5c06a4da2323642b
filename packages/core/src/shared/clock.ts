/**
 * Time as the client sees it; inject one to run the lifecycle on a virtual clock. Core never asks it for a
 * timer longer than `MAX_TIMER_MS`: longer waits are chained from shorter timers (see `startTimer`).
 */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(timer: unknown): void;
}

/** The real clock. Looks the timer functions up on each call so fake timers installed later still apply. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (timer) => globalThis.clearTimeout(timer as ReturnType<typeof setTimeout>),
};

/**
 * The longest single timer: Node, browsers and Deno run a `setTimeout` of 2^31 ms or more after 1 ms instead
 * (a signed 32-bit overflow), so a 30-day deadline would expire at once.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Calls `callback` once after `ms` on the clock, however long: a wait beyond `MAX_TIMER_MS` is a chain of
 * shorter timers. `Infinity` never fires. Returns the function that cancels it, whichever link is pending.
 */
export function startTimer(clock: Clock, ms: number, callback: () => void): () => void {
  if (ms === Number.POSITIVE_INFINITY) return () => {};
  let timer: unknown;
  // Counted down by the timers themselves, not by `clock.now()`, so a clock whose time stands still (a
  // test's) cannot re-arm forever.
  const arm = (left: number) => {
    const step = Math.min(left, MAX_TIMER_MS);
    timer = clock.setTimeout(() => (left > step ? arm(left - step) : callback()), step);
  };
  arm(Number.isNaN(ms) ? 0 : Math.max(0, ms));
  return () => clock.clearTimeout(timer);
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts; leaves no timer behind. */
export function sleep(ms: number, clock: Clock, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      cancel();
      reject(signal?.reason);
    };
    const cancel = startTimer(clock, ms, () => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    });
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
