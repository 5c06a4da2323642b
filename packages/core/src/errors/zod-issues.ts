import type * as z from "zod/mini";
import type { ValidationIssue } from "../model/validation-issue.js";

/**
 * Zod's issues as dotted paths and plain messages, for `ValidationError`. We use zod/mini, which carries no
 * message catalogue, so a message comes from our own schema (`error: "…"`) or is said here from the issue.
 */
export function zodIssues(error: z.core.$ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: describe(issue) }));
}

const size = (limit: number | bigint, origin: string) =>
  origin === "string" ? `${limit} character${limit === 1 ? "" : "s"} long` : String(limit);

const show = (value: unknown) => (typeof value === "string" ? `"${value}"` : String(value));

function describe(issue: z.core.$ZodIssue): string {
  if (issue.message && issue.message !== "Invalid input") return issue.message;
  switch (issue.code) {
    case "invalid_type":
      return `expected ${issue.expected}`;
    case "invalid_value":
      return `expected one of ${issue.values.map(show).join(", ")}`;
    case "too_small":
      return `must be at least ${size(issue.minimum, issue.origin)}`;
    case "too_big":
      return `must be at most ${size(issue.maximum, issue.origin)}`;
    case "unrecognized_keys":
      return `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map(show).join(", ")}`;
    case "invalid_format":
      return `must be a valid ${issue.format}`;
    case "invalid_union":
      return "matches none of the accepted forms";
    default:
      return "is invalid";
  }
}
