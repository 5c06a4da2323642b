import { type ImageGenError, ProviderError, RateLimitError } from "../errors/errors.js";
import type { CallPhase } from "../model/call-phase.js";
import type { ValidationIssue } from "../model/validation-issue.js";
import { delayProblem } from "../shared/durations.js";
import type { Overrides } from "../shared/overrides.js";

export interface ResolvedRetryOptions {
  /** Attempts per call, the first included. */
  maxAttempts: number;
  /** Backoff cap of the first retry; doubles with every further one. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A vendor's `Retry-After` is honoured up to this long. */
  maxRetryAfterMs: number;
}

export type RetryOptions = Overrides<ResolvedRetryOptions>;

export const DEFAULT_RETRY_OPTIONS: ResolvedRetryOptions = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

/** Why each given retry option cannot be used (`path` prefixes the field names); empty when all can. */
export function checkRetryOptions(options: RetryOptions | undefined, path: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const { maxAttempts, baseDelayMs, maxDelayMs, maxRetryAfterMs } = options ?? {};
  if (maxAttempts !== undefined && !(Number.isSafeInteger(maxAttempts) && maxAttempts >= 1)) {
    issues.push({ path: `${path}.maxAttempts`, message: "must be a whole number of 1 or more" });
  }
  const delay = (key: keyof ResolvedRetryOptions, value: number | undefined, zero = false) => {
    const problem = value === undefined ? undefined : delayProblem(value, { zero });
    if (problem) issues.push({ path: `${path}.${key}`, message: problem });
  };
  // A zero backoff would make a wait that rides out an outage call the vendor in a tight loop.
  delay("baseDelayMs", baseDelayMs);
  delay("maxDelayMs", maxDelayMs);
  // 0 means: never wait longer than our own backoff for a `Retry-After`.
  delay("maxRetryAfterMs", maxRetryAfterMs, true);
  return issues;
}

/**
 * - `retry`: call again after a backoff.
 * - `fail`: give up with the error as it is.
 * - `outcome_unknown`: a submit failed after the vendor may have created a task; retrying could pay twice.
 */
export type RetryDecision = "retry" | "fail" | "outcome_unknown";

/** Decides what to do with a failed call, by phase. Pure: the whole policy is in this function. */
export function decideRetry(error: ImageGenError, phase: CallPhase): RetryDecision {
  if (phase !== "submit") return error.retryable ? "retry" : "fail";
  // A 429 is a refusal: the vendor created nothing, so a submit may safely go again.
  if (RateLimitError.isInstance(error)) return "retry";
  if (!ProviderError.isInstance(error)) return "fail";
  if (error.reason === "network" && error.requestSent === false) return "retry";
  return error.reason === "http" ? "fail" : "outcome_unknown";
}

/**
 * Whether a failure is the vendor's service being unavailable (429, 5xx, network, timeout), which passes with
 * time, as opposed to an answer that will not change: a refusal, or one the adapter cannot read.
 */
export function isOutage(error: ImageGenError): boolean {
  if (RateLimitError.isInstance(error)) return true;
  return ProviderError.isInstance(error) && OUTAGE_REASONS.has(error.reason);
}

const OUTAGE_REASONS = new Set<ProviderError["reason"]>(["server", "network", "timeout"]);

/**
 * Exponential backoff with full jitter (a uniform delay up to the doubled cap), but never shorter than
 * the vendor's `Retry-After`, which itself is capped.
 */
export function backoffDelay(
  attempt: number,
  options: ResolvedRetryOptions,
  random: () => number,
  retryAfterMs?: number,
): number {
  const cap = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.round(random() * cap);
  if (retryAfterMs === undefined) return jittered;
  return Math.max(jittered, Math.min(retryAfterMs, options.maxRetryAfterMs));
}
