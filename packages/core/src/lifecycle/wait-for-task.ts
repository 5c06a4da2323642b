import { type Emit, fetchStatus, type Runtime } from "../client/client-context.js";
import { CallbackInbox } from "../coordination/callback-inbox.js";
import { TaskTimeoutError } from "../errors/errors.js";
import { createDeadline } from "../shared/deadline.js";
import { nextPollDelay, type PollSettings, resolvePollOptions } from "./poll-schedule.js";
import type { TaskHandle, TaskStatus } from "./task.js";
import type { LifecycleEvent, LifecycleState } from "./task-state.js";
import { transition } from "./task-state.js";

export interface WaitOptions {
  signal: AbortSignal | undefined;
  timeoutMs: number;
  poll: PollSettings | undefined;
  emit: Emit;
  /** Where the local lifecycle stands when waiting starts. */
  from: LifecycleState;
}

/**
 * Polls a task until the vendor reports it succeeded or failed, on the model's schedule, within the
 * overall deadline. A confirmed webhook delivery ends the current sleep early. Returns the final status;
 * throws `TaskTimeoutError` (with the handle) at the deadline and the signal's reason on abort.
 */
export async function waitForTask(
  runtime: Runtime,
  handle: TaskHandle,
  options: WaitOptions,
): Promise<TaskStatus> {
  const { clock, random, inbox } = runtime;
  const capabilities = runtime.registry.capabilities(handle.provider, handle.model);
  const expected = handle.expectedLatencyMs ?? capabilities?.latencyMs;
  const pollOptions = resolvePollOptions(expected, capabilities?.poll, runtime.poll, options.poll);
  const submittedAt = Date.parse(handle.submittedAt);
  const key = CallbackInbox.key(handle.provider, handle.taskId);
  const deadline = createDeadline(clock, options.timeoutMs, options.signal);
  const { emit } = options;

  let state = options.from;
  const advance = (event: LifecycleEvent, status?: TaskStatus) => {
    const next = transition(state, event);
    if (next === state) return;
    emit({ type: "state", at: clock.now(), handle, state: next, previous: state, status });
    state = next;
  };

  try {
    for (let polls = 0; ; ) {
      const delay = nextPollDelay({
        polls,
        elapsedMs: clock.now() - submittedAt,
        options: pollOptions,
        expected,
        random,
      });
      const delivered = await inbox.sleep(key, delay, clock, deadline.signal);
      const status = delivered ?? (await fetchStatus(runtime, handle, { signal: deadline.signal, emit }));
      if (!delivered) {
        polls++;
        emit({ type: "poll", at: clock.now(), handle, polls, status });
      }
      advance({ type: "status", state: status.state }, status);
      if (status.state === "succeeded" || status.state === "failed") return status;
    }
  } catch (error) {
    if (deadline.expired()) {
      advance({ type: "timeout" });
      throw new TaskTimeoutError(
        `${handle.provider} task ${handle.taskId} did not finish within ${options.timeoutMs} ms. It may still ` +
          "finish: resume with client.wait(error.handle).",
        { provider: handle.provider, taskId: handle.taskId, handle, cause: error },
      );
    }
    if (options.signal?.aborted) advance({ type: "abort" });
    throw error;
  } finally {
    deadline.dispose();
  }
}
