import * as z from "zod";
import { ValidationError } from "./errors.js";
import { zodIssues } from "./zod-issues.js";

/**
 * Reads an adapter's own entry of `providerOptions` with its zod schema. A mismatch (an unknown key, a bad
 * value) is a `ValidationError` naming the fields the adapter takes; the adapter throws it before any request.
 */
export function parseProviderOptions<T extends z.ZodType>(
  schema: T,
  value: unknown,
  provider: string,
): z.output<T> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const issues = zodIssues(parsed.error).map((issue) => ({
    path: ["providerOptions", provider, issue.path].filter(Boolean).join("."),
    message: issue.message,
  }));
  const summary = issues.map((issue) => `${issue.path}: ${issue.message}`).join("; ");
  const takes = schema instanceof z.ZodObject ? ` It takes ${Object.keys(schema.shape).join(", ")}.` : "";
  throw new ValidationError(`Invalid providerOptions.${provider}: ${summary}.${takes} Nothing was sent.`, {
    provider,
    issues,
  });
}
