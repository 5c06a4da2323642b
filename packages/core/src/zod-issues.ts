import type * as z from "zod";
import type { ValidationIssue } from "./errors.js";

/** Zod's issues as dotted paths and plain messages, for `ValidationError`. */
export function zodIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
}
