import { callProvider } from "../calls/call-provider.js";
import type { ClientContext } from "../client/client-context.js";
import type { ProviderSubmission } from "../provider/image-provider.js";
import { expectedLatency } from "../request/capabilities.js";
import type { PreparedRequest } from "../request/prepare-request.js";
import type { Deadline } from "../shared/deadline.js";
import type { TaskHandle } from "./task.js";
import type { TaskLifecycle } from "./task-lifecycle.js";

/**
 * Submits a prepared request with one adapter call (retried only where the vendor certainly created nothing)
 * and builds the handle from the vendor's task id. The lifecycle records `submitted` or `submit_failed`.
 */
export async function submitTask(
  context: ClientContext,
  { target, request }: PreparedRequest,
  deadline: Deadline,
  lifecycle: TaskLifecycle,
): Promise<TaskHandle> {
  let submission: ProviderSubmission;
  try {
    submission = await callProvider(
      context,
      "submit",
      target.provider,
      (ctx) => target.adapter.submit(request, ctx),
      {
        signal: deadline.signal,
        handle: undefined,
        emit: lifecycle.emit,
      },
    );
  } catch (error) {
    lifecycle.apply(
      deadline.expired()
        ? { type: "timeout" }
        : deadline.signal.aborted
          ? { type: "abort" }
          : { type: "submit_failed" },
    );
    throw error;
  }
  const handle: TaskHandle = {
    provider: target.provider,
    model: target.model,
    taskId: submission.taskId,
    // Stamped by the client's clock, which the poll schedule measures elapsed time with.
    submittedAt: new Date(context.clock.now()).toISOString(),
    expectedLatencyMs: expectedLatency(target.capabilities, request.resolution),
    ...(submission.vendor === undefined ? {} : { vendor: submission.vendor }),
  };
  lifecycle.submitted(handle);
  return handle;
}
