import { TaskTimeoutError } from "../errors/errors.js";
import type { PollOptions } from "../model/poll-options.js";
import type { TaskHandle, TaskStatus } from "../model/task.js";
import { planPolls } from "../poll/poll-planner.js";
import type { Deadline } from "../shared/deadline.js";
import { fetchStatus } from "./fetch-status.js";
import { watchResults } from "./result-watch.js";
import type { TaskContext } from "./task-context.js";
import type { TaskLifecycle } from "./task-lifecycle.js";

export interface WaitOptions {
  deadline: Deadline;
  /** The caller's own signal, to tell an abort from the deadline. */
  signal: AbortSignal | undefined;
  poll: PollOptions | undefined;
  /** The task's lifecycle, which every state change and event goes through. */
  lifecycle: TaskLifecycle;
}

/**
 * Polls a task until the vendor reports it succeeded or failed, on its planner's schedule, within the
 * call's deadline. A confirmed callback result (kept from before the wait, or published while it runs, in any
 * process) ends it without another poll. Its end frees the task's slot. Returns the final status;
 * throws `TaskTimeoutError` (with the handle) at the deadline and the signal's reason on abort.
 */
export async function waitForTask(
  context: TaskContext,
  handle: TaskHandle,
  { deadline, signal, poll, lifecycle }: WaitOptions,
): Promise<TaskStatus> {
  const { clock, coordinator, latency, logger, random } = context;
  const { emit } = lifecycle;
  const planner = await planPolls({
    handle,
    capabilities: context.registry.capabilities(handle.provider, handle.model),
    chosen: [context.poll, poll],
    latency,
    logger,
    clock,
    random,
  });
  const task = { provider: handle.provider, taskId: handle.taskId };
  const results = await watchResults(coordinator, task, clock);
  try {
    for (let polls = 0; ; ) {
      const delivered = await results.sleep(planner.nextDelay(), deadline.signal);
      // The task is paid for and running: an outage is retried until the deadline, not for a few attempts.
      const status =
        delivered ??
        (await fetchStatus(context, handle, { signal: deadline.signal, emit, rideOutOutages: true }));
      if (!delivered) emit({ type: "poll", at: clock.now(), handle, polls: ++polls, status });
      lifecycle.apply({ type: "status", state: status.state }, status);
      planner.observe(status, delivered !== undefined);
      if (status.state === "succeeded" || status.state === "failed") {
        await coordinator.releaseTask(task);
        return status;
      }
    }
  } catch (error) {
    if (deadline.expired()) {
      lifecycle.apply({ type: "timeout" });
      throw new TaskTimeoutError(
        `${handle.provider} task ${handle.taskId} did not finish within ${deadline.timeoutMs} ms. It may still ` +
          "finish: resume with client.wait(error.handle).",
        { provider: handle.provider, taskId: handle.taskId, handle, cause: error },
      );
    }
    if (signal?.aborted) lifecycle.apply({ type: "abort" });
    throw error;
  } finally {
    results.stop();
  }
}
