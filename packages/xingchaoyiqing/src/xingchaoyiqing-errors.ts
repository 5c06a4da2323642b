import {
  type HttpFailure,
  httpError,
  type ImageGenError,
  ProviderError,
  type TaskFailure,
} from "@org/imagegen-core";

/**
 * The typed error for an HTTP status (or an error code in an HTTP 200 body). The reference documents none, so
 * they are read as APIXO's are, with one refinement: a 404 on a query is about the task id.
 */
export function xingchaoyiqingError(failure: HttpFailure): ImageGenError {
  const { provider, status, taskId } = failure;
  if (status === 404 && taskId !== undefined) {
    return new ProviderError(
      `${provider} does not know task ${taskId} (${failure.inBody ? "code" : "HTTP"} 404${failure.message ? `: ${failure.message}` : ""}). ` +
        "Use the handle submit() returned.",
      { provider, taskId, statusCode: status, responseBody: failure.body, reason: "http", retryable: false },
    );
  }
  return httpError(failure);
}

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
