import { ProviderError } from "../errors/errors.js";
import type { TaskHandle } from "../model/task.js";
import type { ProviderSubmission } from "../provider/image-provider.js";
import { expectedLatency } from "../request/capabilities.js";
import type { PreparedRequest } from "../request/prepare-request.js";
import type { Deadline } from "../shared/deadline.js";
import { isPathSegment, PATH_SEGMENT_RULE } from "../shared/path-segment.js";
import { callProvider } from "./call-provider.js";
import type { TaskContext } from "./task-context.js";
import type { TaskLifecycle } from "./task-lifecycle.js";

/**
 * Submits a prepared request with one adapter call (retried only where the vendor certainly created nothing)
 * and builds the handle from the vendor's task id. The caller records the outcome in the task's lifecycle once
 * the task slot is bound or given back.
 */
export async function submitTask(
  context: TaskContext,
  { target, request }: PreparedRequest,
  deadline: Deadline,
  lifecycle: TaskLifecycle,
): Promise<TaskHandle> {
  const submission = await callProvider(
    context,
    "submit",
    target.provider,
    async (ctx) => usableSubmission(await target.adapter.submit(request, ctx), target.provider),
    { signal: deadline.signal, handle: undefined, emit: lifecycle.emit },
  );
  return {
    provider: target.provider,
    model: target.model,
    taskId: submission.taskId,
    // Stamped by the client's clock, which the poll schedule measures elapsed time with.
    submittedAt: new Date(context.clock.now()).toISOString(),
    expectedLatencyMs: expectedLatency(target.capabilities, request.resolution),
    ...(submission.vendor === undefined ? {} : { vendor: submission.vendor }),
  };
}

/**
 * A task id goes into the status call's URL, so one that is not a single path segment (`..` would make it a
 * request for the API root) is a malformed answer. The vendor may still have created the task, so the retry
 * policy reports it as `SubmitOutcomeUnknownError`, like any unreadable submit answer.
 */
function usableSubmission(submission: ProviderSubmission, provider: string): ProviderSubmission {
  if (typeof submission.taskId === "string" && isPathSegment(submission.taskId)) return submission;
  throw new ProviderError(
    `${provider} answered the submit with task id ${JSON.stringify(String(submission.taskId).slice(0, 64))}, ` +
      `which cannot be polled: a task id ${PATH_SEGMENT_RULE}.`,
    { provider, reason: "malformed", retryable: false },
  );
}
