import {
  type FailureKind,
  type ImageGenError,
  InsufficientBalanceError,
  ProviderError,
  type TaskFailure,
} from "@org/imagegen-core";
import { type HttpFailure, httpError } from "@org/imagegen-core/provider";

interface FailCode {
  kind: FailureKind;
  retryable: boolean;
  /** The docs' meaning, used when the vendor sends no `failMsg`. */
  meaning: string;
}

/** The fail codes of the reference, with what the docs advise for each. */
const FAIL_CODES: Readonly<Record<string, FailCode>> = {
  CONTENT_VIOLATION: {
    kind: "content_policy",
    retryable: false,
    meaning: "the prompt or an image breaks the content rules",
  },
  INVALID_IMAGE_URL: {
    kind: "task_failed",
    retryable: false,
    meaning: "a reference image could not be fetched or decoded",
  },
  INVALID_PARAMETER: { kind: "task_failed", retryable: false, meaning: "a parameter was not accepted" },
  INSUFFICIENT_BALANCE: { kind: "insufficient_balance", retryable: false, meaning: "the balance ran out" },
  UPSTREAM_ERROR: { kind: "task_failed", retryable: true, meaning: "the upstream model failed" },
  TIMEOUT: { kind: "task_failed", retryable: true, meaning: "the upstream model timed out" },
};

/** A failed task's `failCode` and `failMsg`, classified; an undocumented code is a plain, final failure. */
export function apixoFailure(
  failCode: string | null | undefined,
  failMsg: string | null | undefined,
): TaskFailure {
  const code = failCode || "UNKNOWN";
  const known = Object.hasOwn(FAIL_CODES, code) ? FAIL_CODES[code] : undefined;
  return {
    kind: known?.kind ?? "task_failed",
    code,
    message: failMsg || known?.meaning || "no reason given",
    retryable: known?.retryable ?? false,
  };
}

// The submit reference shows `{"code":400,"message":"Insufficient credits"}`: a 400 that is about money.
const OUT_OF_CREDIT = /insufficient (credit|balance|fund)/i;

/**
 * The typed error for an HTTP status or an envelope `code`, as the APIXO docs mean them. They match the usual
 * reading (400 fix it, 401/403 the key, 402 balance, 429 back off, 5xx retry) except that a 400 saying the
 * credits ran out is an `InsufficientBalanceError`, and a 404 on a status call is about the handle.
 */
export function apixoError(failure: HttpFailure & { model: string }): ImageGenError {
  const { provider, status, taskId } = failure;
  const code = failure.inBody ? `code ${status} in an HTTP 200 answer` : `HTTP ${status}`;
  if (failure.message && OUT_OF_CREDIT.test(failure.message)) {
    return new InsufficientBalanceError(
      `${provider} reports insufficient credit (${code}): ${failure.message}. Top up the account.`,
      { provider, taskId, statusCode: status, responseBody: failure.body },
    );
  }
  if (status === 404 && taskId !== undefined) {
    return new ProviderError(
      `${provider} does not know task ${taskId} under model ${failure.model} (${code}). A status ` +
        "call must name the model the task was submitted with; use the handle submit() returned.",
      { provider, taskId, statusCode: status, responseBody: failure.body, reason: "http", retryable: false },
    );
  }
  return httpError(failure);
}
