import * as z from "zod/mini";
import { ValidationError } from "../errors/errors.js";
import { zodIssues } from "../errors/zod-issues.js";

/**
 * Reads an adapter's own entry of `providerOptions` with its zod schema. A mismatch (an unknown key, a bad
 * value) is a `ValidationError` naming the fields the adapter takes; the adapter throws it before any request.
 */
export function parseProviderOptions<T extends z.core.$ZodType>(
  schema: T,
  value: unknown,
  provider: string,
): z.output<T> {
  const parsed = z.safeParse(schema, value ?? {});
  if (parsed.success) return parsed.data;
  const issues = zodIssues(parsed.error).map((issue) => ({
    path: ["providerOptions", provider, issue.path].filter(Boolean).join("."),
    message: issue.message,
  }));
  const summary = issues.map((issue) => `${issue.path}: ${issue.message}`).join("; ");
  const shape = (schema._zod.def as { shape?: Record<string, unknown> }).shape;
  const takes = shape ? ` It takes ${Object.keys(shape).join(", ")}.` : "";
  throw new ValidationError(`Invalid providerOptions.${provider}: ${summary}.${takes} Nothing was sent.`, {
    provider,
    issues,
  });
}
