import {
  AuthenticationError,
  type ImageGenError,
  InsufficientBalanceError,
  ProviderError,
  RateLimitError,
  ValidationError,
} from "../errors/errors.js";

export interface HttpFailure {
  provider: string;
  status: number;
  /** The vendor's own message, when its body has one. */
  message: string | undefined;
  body: string | undefined;
  retryAfter?: string | null | undefined;
  taskId?: string | undefined;
  now?: number | undefined;
  /** The status is an error code inside an HTTP 200 body (as some vendors send), not the HTTP status. */
  inBody?: boolean | undefined;
  /** Where a redirect pointed. */
  location?: string | null | undefined;
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; `undefined` when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The typed error for an HTTP (or in-body) error status, as most vendors mean them: 400 fix the request,
 * 401/403 the key, 402 the balance, 429 back off, 5xx retry later. Adapters refine where their docs differ.
 */
export function httpError(failure: HttpFailure): ImageGenError {
  const { provider, status, body, taskId } = failure;
  const said = failure.message ? `: ${failure.message}` : "";
  const code = failure.inBody ? `code ${status} in an HTTP 200 answer` : `HTTP ${status}`;
  const options = { provider, taskId, statusCode: status, responseBody: body };
  if (status === 400 || status === 422) {
    return new ValidationError(
      `${provider} rejected the request (${code})${said}. Fix it; do not retry as is.`,
      options,
    );
  }
  if (status === 401 || status === 403) {
    return new AuthenticationError(
      `${provider} refused the API key (${code})${said}. Check the key and that it may use this model.`,
      options,
    );
  }
  if (status === 402) {
    return new InsufficientBalanceError(
      `${provider} reports insufficient balance (${code})${said}. Top up the account.`,
      options,
    );
  }
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(failure.retryAfter, failure.now);
    return new RateLimitError(`${provider} rate limit reached (${code})${said}. Slow down or retry later.`, {
      ...options,
      retryAfterMs,
    });
  }
  if (status >= 500) {
    return new ProviderError(`${provider} server error (${code})${said}. Usually temporary; retry later.`, {
      ...options,
      reason: "server",
      retryable: true,
    });
  }
  if (status >= 300 && status < 400) {
    const where = failure.location ? ` to ${failure.location}` : "";
    return new ProviderError(
      `${provider} redirected the call (${code})${where}. API redirects are not followed, since they could ` +
        "carry the API key to another host: check the provider's baseUrl.",
      { ...options, reason: "http", retryable: false },
    );
  }
  if (status === 404 && taskId !== undefined) {
    return new ProviderError(
      `${provider} does not know task ${taskId} (${code}${said}). Use the handle submit() returned.`,
      { ...options, reason: "http", retryable: false },
    );
  }
  return new ProviderError(`${provider} answered ${code}${said}.`, {
    ...options,
    reason: "http",
    retryable: false,
  });
}
