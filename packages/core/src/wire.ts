import type { z } from "zod";
import { ProviderError } from "./errors.js";

const MAX_KEPT_BODY = 2_000;

/** The body as text, shortened to what is useful in an error. */
export function excerpt(text: string): string {
  return text.length > MAX_KEPT_BODY ? `${text.slice(0, MAX_KEPT_BODY)}…` : text;
}

/** Reads a vendor response as JSON; an unreadable body is a retryable `ProviderError` ("malformed"). */
export async function readJson(
  response: Response,
  provider: string,
): Promise<{ json: unknown; text: string }> {
  const text = await response.text();
  try {
    return { json: JSON.parse(text), text };
  } catch (cause) {
    throw new ProviderError(`${provider} answered HTTP ${response.status} with a body that is not JSON.`, {
      provider,
      reason: "malformed",
      retryable: true,
      statusCode: response.status,
      responseBody: excerpt(text),
      cause,
    });
  }
}

/** Checks a wire value against its zod schema; a mismatch is a retryable `ProviderError` ("malformed"). */
export function parseWire<T extends z.ZodType>(
  schema: T,
  value: unknown,
  context: { provider: string; what: string; taskId?: string | undefined },
): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const where = parsed.error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`);
  throw new ProviderError(`${context.provider} sent an unexpected ${context.what} (${where.join("; ")}).`, {
    provider: context.provider,
    taskId: context.taskId,
    reason: "malformed",
    retryable: true,
    responseBody: excerpt(JSON.stringify(value) ?? String(value)),
    cause: parsed.error,
  });
}
