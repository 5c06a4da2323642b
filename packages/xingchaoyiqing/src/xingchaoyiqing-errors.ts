import type { TaskFailure } from "@org/imagegen-core";

/**
 * A failed task: the vendor gives only a message, so the failure has the code `GENERATION_FAILED` and is not
 * called retryable (nothing says the same request would fare better).
 */
export function xingchaoyiqingFailure(
  error: string | { message?: string | null | undefined } | null | undefined,
): TaskFailure {
  const message = (typeof error === "string" ? error : error?.message) || "no reason given";
  return { kind: "task_failed", code: "GENERATION_FAILED", message, retryable: false };
}
