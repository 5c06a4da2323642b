import { type ImageGenError, RateLimitError, SubmitOutcomeUnknownError } from "../errors/errors.js";
import type { CallPhase } from "../model/call-phase.js";
import { type Clock, sleep } from "../shared/clock.js";
import { abortable, createDeadline } from "../shared/deadline.js";
import { normalizeError } from "./normalize-error.js";
import { backoffDelay, decideRetry, isOutage, type ResolvedRetryOptions } from "./retry-policy.js";

export interface RetryNotice {
  phase: CallPhase;
  /** The attempt that failed (1-based). */
  attempt: number;
  delayMs: number;
  error: ImageGenError;
}

export interface CallWithRetryOptions {
  phase: CallPhase;
  provider: string;
  taskId?: string | undefined;
  retry: ResolvedRetryOptions;
  requestTimeoutMs: number;
  clock: Clock;
  random: () => number;
  /** Aborts the whole call, including backoff sleeps; its reason is rethrown as is. */
  signal: AbortSignal;
  /**
   * Keep retrying an outage (429, 5xx, network, timeout) past `retry.maxAttempts`, until `signal` aborts:
   * for a wait, whose deadline bounds it. Other retryable failures still spend the attempt budget.
   */
  rideOutOutages?: boolean | undefined;
  /** Runs before every attempt, e.g. to wait for the request budget. */
  beforeAttempt?: ((signal: AbortSignal) => Promise<void>) | undefined;
  onRetry?: ((notice: RetryNotice) => void) | undefined;
}

/**
 * Runs one provider call under the phase-aware retry policy: each attempt gets its own request timeout,
 * failures are normalised into typed errors, and a submit that may have created a task is never repeated.
 */
export async function callWithRetry<T>(
  operation: (signal: AbortSignal) => Promise<T>,
  options: CallWithRetryOptions,
): Promise<T> {
  const { phase, provider, taskId, retry, clock, random, signal } = options;
  // Failed attempts that count against `retry.maxAttempts`; while riding out, an outage does not.
  let spent = 0;
  for (let attempt = 1; ; attempt++) {
    await options.beforeAttempt?.(signal);
    if (signal.aborted) throw signal.reason;
    const deadline = createDeadline(clock, options.requestTimeoutMs, signal);
    let error: ImageGenError;
    try {
      return await abortable(operation(deadline.signal), deadline.signal);
    } catch (thrown) {
      if (signal.aborted && phase === "submit") {
        // Cancelling does not un-send: the vendor may already have the task.
        throw new SubmitOutcomeUnknownError(
          `The submit request to ${provider} was cancelled while in flight; the vendor may have created the ` +
            "task. Check the vendor's task history before submitting again.",
          { provider, cause: signal.reason },
        );
      }
      if (signal.aborted) throw signal.reason;
      error = normalizeError(thrown, { provider, taskId, timedOut: deadline.expired() });
    } finally {
      deadline.dispose();
    }
    const decision = decideRetry(error, phase);
    if (decision === "outcome_unknown") {
      throw new SubmitOutcomeUnknownError(
        `The submit request to ${provider} failed after it may have reached the vendor (${error.message}). ` +
          "A task may exist and be billed: check the vendor's task history before submitting again.",
        { provider, statusCode: error.statusCode, responseBody: error.responseBody, cause: error },
      );
    }
    if (!(options.rideOutOutages && isOutage(error))) spent++;
    if (decision === "fail" || spent >= retry.maxAttempts) throw error;
    // The backoff keeps growing with every attempt, up to `retry.maxDelayMs`, outage or not.
    const retryAfterMs = RateLimitError.isInstance(error) ? error.retryAfterMs : undefined;
    const delayMs = backoffDelay(attempt, retry, random, retryAfterMs);
    options.onRetry?.({ phase, attempt, delayMs, error });
    await sleep(delayMs, clock, signal);
  }
}
