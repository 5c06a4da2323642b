import * as z from "zod/mini";
import { type ImageGenError, ProviderError } from "../errors/errors.js";
import { zodIssues } from "../errors/zod-issues.js";
import { readBounded } from "../shared/read-limited.js";
import { type HttpFailure, httpError } from "./http-errors.js";

const MAX_KEPT_BODY = 2_000;

/** The largest answer body read by default: far above any status or submit answer. */
export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

/** The body as text, shortened to what is useful in an error. */
export function excerpt(text: string): string {
  return text.length > MAX_KEPT_BODY ? `${text.slice(0, MAX_KEPT_BODY)}…` : text;
}

/** The vendor's own words in an error body: `message`, `error`, `error.message` or `msg`, whichever is there. */
export function vendorMessage(json: unknown): string | undefined {
  if (typeof json !== "object" || json === null) return undefined;
  const { message, error, msg } = json as Record<string, unknown>;
  const nested =
    typeof error === "object" && error !== null ? (error as Record<string, unknown>).message : undefined;
  return [message, error, nested, msg].find(
    (value): value is string => typeof value === "string" && value !== "",
  );
}

export interface ReadContext {
  provider: string;
  taskId?: string | undefined;
  /** The adapter's own mapping of an error status, where its docs differ from `httpError`'s. */
  errorFor?: ((failure: HttpFailure) => ImageGenError) | undefined;
  /** Overrides the size limit of the answer (default: the HTTP client's `maxResponseBytes`, else 1 MiB). */
  maxBytes?: number | undefined;
}

/** Shorter keys are not redacted: a key like "test" would also match ordinary words of every answer. */
const MIN_REDACTED_KEY_LENGTH = 8;

const decoder = new TextDecoder();

/**
 * The body as text, read once and at most `maxBytes` of it, with the API key redacted: a vendor that echoes the
 * key back ("invalid key sk-…") must not put it into our errors or `raw`.
 */
async function readText(response: Response, maxBytes: number, key: string | undefined) {
  const { headers } = response;
  const declared = Number(headers.get("content-length") ?? Number.NaN);
  if (declared > maxBytes) {
    // Not awaited: some streams settle a cancel only once their source ends.
    response.body?.cancel().catch(() => {});
    return { text: "", complete: false };
  }
  let text: string;
  let complete = true;
  if (declared <= maxBytes && !headers.has("content-encoding")) {
    // The usual answer: HTTP framing holds the body to its declared length, so it can be read in one go.
    text = await response.text();
  } else {
    // No length, or a compressed body whose decoded size is unknown: count while reading.
    const read = await readBounded(response.body, maxBytes);
    text = decoder.decode(read.bytes);
    complete = read.complete;
  }
  if (key === undefined || key.length < MIN_REDACTED_KEY_LENGTH || !text.includes(key)) {
    return { text, complete };
  }
  return { text: text.replaceAll(key, "[redacted]"), complete };
}

/**
 * Reads a vendor response, once, size-bounded. An error status becomes the typed error
 * for it (the body may be JSON, HTML or empty; the vendor's message is kept when there is one); a success
 * that is not JSON is a retryable `ProviderError` ("malformed"); a success larger than the limit is a final
 * `ProviderError` ("too_large"), its body left unread past the limit.
 *
 * It redacts no API key: read an answer from `createHttpClient` with its `read` instead, which redacts the key
 * the request carried and applies the client's `maxResponseBytes`.
 */
export function readResponse(response: Response, context: ReadContext): Promise<unknown> {
  return readAnswer(response, context, { maxBytes: DEFAULT_MAX_RESPONSE_BYTES, key: undefined });
}

/** How an HTTP client reads its answers: its size limit, and the key to redact from them. */
export interface AnswerPolicy {
  maxBytes: number;
  key: string | undefined;
}

/** `readResponse` under an HTTP client's policy; `HttpClient.read` is its public face. */
export async function readAnswer(
  response: Response,
  context: ReadContext,
  policy: AnswerPolicy,
): Promise<unknown> {
  const { provider, taskId, errorFor = httpError } = context;
  const maxBytes = context.maxBytes ?? policy.maxBytes;
  const { text, complete } = await readText(response, maxBytes, policy.key);
  let json: unknown;
  try {
    json = complete ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    throw errorFor({
      provider,
      taskId,
      status: response.status,
      message: vendorMessage(json),
      body: excerpt(text),
      retryAfter: response.headers.get("retry-after"),
      location: response.headers.get("location"),
    });
  }
  if (!complete) {
    throw new ProviderError(
      `${provider} answered HTTP ${response.status} with a body over ${maxBytes} bytes; it was not read ` +
        "further. Not retried: check the provider's baseUrl, or raise the adapter's maxResponseBytes.",
      {
        provider,
        taskId,
        reason: "too_large",
        retryable: false,
        statusCode: response.status,
        responseBody: excerpt(text),
      },
    );
  }
  if (json === undefined) {
    throw new ProviderError(`${provider} answered HTTP ${response.status} with a body that is not JSON.`, {
      provider,
      taskId,
      reason: "malformed",
      retryable: true,
      statusCode: response.status,
      responseBody: excerpt(text),
    });
  }
  return json;
}

/** Checks a wire value against its zod schema; a mismatch is a retryable `ProviderError` ("malformed"). */
export function parseWire<T extends z.core.$ZodType>(
  schema: T,
  value: unknown,
  context: { provider: string; what: string; taskId?: string | undefined },
): z.output<T> {
  const parsed = z.safeParse(schema, value);
  if (parsed.success) return parsed.data;
  const where = zodIssues(parsed.error).map((issue) => `${issue.path || "body"}: ${issue.message}`);
  throw new ProviderError(`${context.provider} sent an unexpected ${context.what} (${where.join("; ")}).`, {
    provider: context.provider,
    taskId: context.taskId,
    reason: "malformed",
    retryable: true,
    responseBody: excerpt(JSON.stringify(value) ?? String(value)),
    cause: parsed.error,
  });
}
