import { ImageGenError, RateLimitError } from "@org/imagegen-core";
import type { ImageJobError } from "./image-job.js";

/**
 * Whether BullMQ may run the job again. Retrying is safe where a retry resumes from the saved handle or submits
 * what certainly created nothing; it is refused where the vendor gave a final answer (the task failed, was
 * refused, the key or balance is wrong) or where a task may exist without a handle
 * (`SubmitOutcomeUnknownError`): running the job again would pay twice.
 */
export function mayRetry(error: unknown): boolean {
  if (!ImageGenError.isInstance(error)) return true;
  // A failed task is a final answer even when the vendor says a new one may succeed: that one is paid again.
  if (error.code === "task_failed") return false;
  return error.retryable || error.code === "task_timeout";
}

/** How long the whole queue pauses after a 429 the client could not ride out; undefined for other errors. */
export function rateLimitPause(error: unknown, fallbackMs: number): number | undefined {
  if (!RateLimitError.isInstance(error)) return undefined;
  return error.retryAfterMs ?? fallbackMs;
}

export function describeError(error: unknown): ImageJobError {
  if (ImageGenError.isInstance(error)) return { name: error.name, code: error.code, message: error.message };
  if (error instanceof Error) return { name: error.name, code: undefined, message: error.message };
  return { name: "Error", code: undefined, message: String(error) };
}
