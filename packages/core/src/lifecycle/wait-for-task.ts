import { TaskTimeoutError } from "../errors/errors.js";
import type { Deadline } from "../shared/deadline.js";
import { fetchStatus } from "./fetch-status.js";
import { latencyKey } from "../poll/latency-estimate.js";
import { learnedPollTimes, PLAN_SPACING } from "../poll/poll-plan.js";
import {
  nextPollDelay,
  type PollOptions,
  type ResolvedPollOptions,
  resolvePollOptions,
  scaleSchedule,
} from "../poll/poll-schedule.js";
import { watchResults } from "./result-watch.js";
import type { TaskHandle, TaskStatus } from "../model/task.js";
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
 * Polls a task until the vendor reports it succeeded or failed, on the model's schedule, within the
 * call's deadline. A confirmed callback result (kept from before the wait, or published while it runs, in any
 * process) ends it without another poll. Its end frees the task's slot. Returns the final status;
 * throws `TaskTimeoutError` (with the handle) at the deadline and the signal's reason on abort.
 */
export async function waitForTask(
  context: TaskContext,
  handle: TaskHandle,
  { deadline, signal, poll, lifecycle }: WaitOptions,
): Promise<TaskStatus> {
  const { clock, random, coordinator } = context;
  const { emit } = lifecycle;
  const capabilities = context.registry.capabilities(handle.provider, handle.model);
  const documented = handle.expectedLatencyMs ?? capabilities?.latencyMs;
  const resolved = resolvePollOptions(documented, capabilities?.poll, context.poll, poll);
  const { options: pollOptions, expected } = scaleSchedule(resolved, documented);
  const submittedAt = Date.parse(handle.submittedAt);
  const learning = await learnedSchedule(context, handle, resolved, [context.poll, poll]);
  const plan = learning?.plan;
  // Only a wait that saw the task from its first poll on can tell when it finished.
  const firstPollAt = plan?.[0] ?? pollOptions.initialDelayMs;
  const fromStart = clock.now() - submittedAt < firstPollAt;
  let lastRunningAt = 0;

  const task = { provider: handle.provider, taskId: handle.taskId };
  const results = await watchResults(coordinator, task, clock);
  try {
    for (let polls = 0; ; ) {
      const delay = nextPollDelay({
        polls,
        elapsedMs: clock.now() - submittedAt,
        options: pollOptions,
        expected,
        plan,
        random,
      });
      const delivered = await results.sleep(delay, deadline.signal);
      // The task is paid for and running: an outage is retried until the deadline, not for a few attempts.
      const status =
        delivered ??
        (await fetchStatus(context, handle, { signal: deadline.signal, emit, rideOutOutages: true }));
      if (!delivered) {
        polls++;
        emit({ type: "poll", at: clock.now(), handle, polls, status });
      }
      lifecycle.apply({ type: "status", state: status.state }, status);
      const elapsed = Math.max(0, clock.now() - submittedAt);
      if (status.state === "succeeded" && learning && fromStart) {
        const seen = { delivered: delivered !== undefined, lastRunningAt, elapsed };
        learning.observe(finishedAt(status, seen, learning.step));
      }
      lastRunningAt = elapsed;
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

/**
 * The schedule learned from recent tasks of this kind, unless the client or the call chose its own first
 * poll. `observe` records a finished task's duration (in the options' time scale) for the next ones.
 */
async function learnedSchedule(
  context: TaskContext,
  handle: TaskHandle,
  resolved: ResolvedPollOptions,
  chosen: (PollOptions | undefined)[],
) {
  if (chosen.some((layer) => layer?.initialDelayMs !== undefined)) return undefined;
  const { latency, logger } = context;
  const key = latencyKey(handle);
  const scale = resolved.timeScale;
  const durations = await Promise.resolve()
    .then(() => latency.estimate(key))
    .catch((error: unknown) => {
      logger.warn?.("the latency estimate failed; polling on the documented schedule", { error });
      return [];
    });
  const plan = learnedPollTimes(durations, resolved.intervalMs)?.map((at) => at * scale);
  const observe = (elapsedMs: number) => {
    Promise.resolve()
      .then(() => latency.observe(key, elapsedMs / scale))
      .catch((error: unknown) => logger.warn?.("recording a task's duration failed", { error }));
  };
  return { plan, observe, step: resolved.intervalMs * PLAN_SPACING * scale };
}

interface Sighting {
  /** A callback said so, rather than a poll. */
  delivered: boolean;
  /** Time since submit of the last poll that saw the task running (0: none did). */
  lastRunningAt: number;
  /** Time since submit now, when it is seen done. */
  elapsed: number;
}

/**
 * When the task finished, as well as one wait can tell: the vendor's own duration where it reports one (kept
 * between the last poll that saw the task running and now), the moment a callback arrived, else the middle of
 * the last two polls. A task already done at the first poll, with no vendor duration, counts as finished one
 * step before that poll: while many tasks are already done at the first poll, it creeps earlier (each poll
 * comes a little early, by its jitter) until hardly any are. A vendor's own durations make all of this exact.
 */
function finishedAt(status: TaskStatus, seen: Sighting, step: number): number {
  const { lastRunningAt, elapsed } = seen;
  if (status.durationMs !== undefined) return Math.min(elapsed, Math.max(lastRunningAt, status.durationMs));
  if (seen.delivered) return elapsed;
  if (lastRunningAt === 0) return Math.max(0, elapsed - step);
  return (lastRunningAt + elapsed) / 2;
}
