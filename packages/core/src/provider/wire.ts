import * as z from "zod/mini";
import { type ImageGenError, ProviderError } from "../errors/errors.js";
import { zodIssues } from "../shared/zod-issues.js";
import { type HttpFailure, httpError } from "./http-errors.js";

const MAX_KEPT_BODY = 2_000;

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
}

/**
 * Reads a vendor response. An error status becomes the typed error for it (the body may be JSON, HTML or
 * empty; the vendor's message is kept when there is one); a success that is not JSON is a retryable
 * `ProviderError` ("malformed").
 */
export async function readResponse(response: Response, context: ReadContext): Promise<unknown> {
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const { provider, taskId, errorFor = httpError } = context;
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
