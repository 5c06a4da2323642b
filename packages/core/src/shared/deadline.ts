import { type Clock, startTimer } from "./clock.js";

/**
 * One call's time budget: a signal that aborts when the parent aborts or after `timeoutMs`, which can tell
 * which of the two it was and how much time is left. A call makes one and hands it to every step.
 */
export interface Deadline {
  readonly signal: AbortSignal;
  /** The whole budget, as given. */
  readonly timeoutMs: number;
  /** Time left before it expires (`Infinity` without a limit). */
  remainingMs(): number;
  /** True once the time ran out (as opposed to the parent aborting). */
  expired(): boolean;
  /** Stops the timer and detaches from the parent; call it when the guarded work is over. */
  dispose(): void;
}

/** Starts a deadline of `timeoutMs` (any length; `Infinity` for none) under an optional parent signal. */
export function createDeadline(clock: Clock, timeoutMs: number, parent?: AbortSignal): Deadline {
  const controller = new AbortController();
  const endsAt = clock.now() + timeoutMs;
  let expired = false;
  const onParentAbort = () => controller.abort(parent?.reason);
  // Chained timers: a deadline of 30 days must not expire after 1 ms (see MAX_TIMER_MS). `Infinity`: none.
  const stopTimer = startTimer(clock, timeoutMs, () => {
    expired = true;
    controller.abort(new DOMException("The operation timed out.", "TimeoutError"));
  });
  if (parent?.aborted) onParentAbort();
  else parent?.addEventListener("abort", onParentAbort, { once: true });
  return {
    signal: controller.signal,
    timeoutMs,
    remainingMs: () => Math.max(0, endsAt - clock.now()),
    expired: () => expired,
    dispose() {
      stopTimer();
      parent?.removeEventListener("abort", onParentAbort);
    },
  };
}

/**
 * Settles with the signal's reason as soon as it aborts, even if `work` ignores the signal (some fetch
 * implementations only notice an abort once the response starts). A late outcome of `work` is dropped.
 */
export function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    work.catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
