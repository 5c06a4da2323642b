import { ImageGenError, ProviderError } from "../errors/errors.js";

/** Connection errors that happen before a single byte of the request leaves the machine. */
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/**
 * Codes of real network failures: sockets, DNS and undici's connection errors (Node), and Bun's. Any other
 * code (`ERR_STRING_TOO_LONG`, `ERR_INVALID_ARG_TYPE`, …) is a fault on our side, not the network's.
 */
const NETWORK_CODES = new Set([
  ...NOT_SENT_CODES,
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "ENETDOWN",
  "EHOSTDOWN",
  "EADDRNOTAVAIL",
  "EAI_FAIL",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "UND_ERR_RES_CONTENT_LENGTH_MISMATCH",
  "ConnectionRefused",
  "ConnectionClosed",
  "FailedToOpenSocket",
]);

// What `fetch` says when the network fails, in Node (undici), Chromium, Firefox and Safari.
const FETCH_FAILURE = /fetch failed|failed to fetch|networkerror|load failed|network connection was lost/i;

/** The first network code along the error's cause chain, if any. */
function networkCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && NETWORK_CODES.has(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export interface NormalizeContext {
  provider: string;
  taskId?: string | undefined;
  /** True when our own per-request timeout aborted the call. */
  timedOut: boolean;
}

/** Turns whatever a provider call threw into an `ImageGenError` the retry policy can decide on. */
export function normalizeError(
  error: unknown,
  { provider, taskId, timedOut }: NormalizeContext,
): ImageGenError {
  if (ImageGenError.isInstance(error)) return error;
  if (timedOut) {
    return new ProviderError(`${provider} did not answer within the request timeout.`, {
      provider,
      taskId,
      reason: "timeout",
      retryable: true,
      cause: error,
    });
  }
  const code = networkCode(error);
  const isNetwork = code !== undefined || (error instanceof TypeError && FETCH_FAILURE.test(error.message));
  if (isNetwork) {
    const requestSent = code !== undefined && NOT_SENT_CODES.has(code) ? false : undefined;
    return new ProviderError(
      `Could not reach ${provider}${code ? ` (${code})` : ""}; check the network and the provider's baseUrl.`,
      { provider, taskId, reason: "network", retryable: true, requestSent, cause: error },
    );
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new ProviderError(`The ${provider} adapter failed unexpectedly: ${detail}`, {
    provider,
    taskId,
    reason: "unexpected",
    retryable: false,
    cause: error,
  });
}
