import {
  ContentPolicyError,
  type ImageGenError,
  InsufficientBalanceError,
  TaskFailedError,
} from "../errors/errors.js";
import type { TaskFailure, TaskHandle } from "../model/task.js";

const UNEXPLAINED: TaskFailure = {
  kind: "task_failed",
  code: "UNKNOWN",
  message: "no reason given",
  retryable: false,
};

/** The error `generate`/`wait` throw for a task the vendor reported as failed (with or without a reason). */
export function failureError(reported: TaskFailure | undefined, handle: TaskHandle): ImageGenError {
  const failure = reported ?? UNEXPLAINED;
  const options = { provider: handle.provider, taskId: handle.taskId, cause: failure };
  const vendor = `${handle.provider} task ${handle.taskId} failed with ${failure.code}: ${failure.message}`;
  switch (failure.kind) {
    case "content_policy":
      return new ContentPolicyError(
        `${vendor}. Change the prompt or reference images; retrying as is will fail.`,
        options,
      );
    case "insufficient_balance":
      return new InsufficientBalanceError(
        `${vendor}. Top up the ${handle.provider} account, then submit again.`,
        options,
      );
    case "task_failed":
      return new TaskFailedError(
        failure.retryable ? `${vendor}. This is usually temporary: submit again later.` : `${vendor}.`,
        { ...options, failCode: failure.code, retryable: failure.retryable },
      );
  }
}
