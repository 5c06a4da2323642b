import type { ModelCapabilities } from "../model/capabilities.js";
import type { Logger } from "../model/logger.js";
import type { PollOptions, ResolvedPollOptions } from "../model/poll-options.js";
import type { TaskHandle, TaskStatus } from "../model/task.js";
import type { Clock } from "../shared/clock.js";
import { type LatencyEstimator, latencyKey } from "./latency-estimate.js";
import { learnedPollTimes, PLAN_SPACING } from "./poll-plan.js";
import { nextPollDelay, resolvePollOptions, scaleSchedule } from "./poll-schedule.js";

/** When one wait asks for its task's status next, and what it learns from the task's end. */
export interface PollPlanner {
  /** The delay before the next status call, from now. */
  nextDelay(): number;
  /** Records what a status call saw, or a confirmed callback said (`delivered`). */
  observe(status: TaskStatus, delivered: boolean): void;
}

export interface PollPlannerInput {
  handle: TaskHandle;
  /** The model's capabilities, when the client knows the model: its documented latency and poll advice. */
  capabilities: ModelCapabilities | undefined;
  /** The client's, then the call's poll options; later layers win. */
  chosen: readonly (PollOptions | undefined)[];
  /** What recent tasks of each kind took. */
  latency: LatencyEstimator;
  logger: Logger;
  clock: Clock;
  random: () => number;
}

/**
 * The poll schedule of one wait: the model's documented latency and the vendor's advice, the client's and the
 * call's options, at their time scale; polls at the times learned from recent tasks of this kind once enough
 * are known, unless an option chose its own first poll. A finished task seen from its first poll on teaches
 * the schedule of the next ones.
 */
export async function planPolls(input: PollPlannerInput): Promise<PollPlanner> {
  const { handle, capabilities, chosen, clock, random } = input;
  const documented = handle.expectedLatencyMs ?? capabilities?.latencyMs;
  const resolved = resolvePollOptions(documented, capabilities?.poll, ...chosen);
  const { options, expected } = scaleSchedule(resolved, documented);
  const submittedAt = Date.parse(handle.submittedAt);
  const learning = chosen.some((layer) => layer?.initialDelayMs !== undefined)
    ? undefined
    : await learnedSchedule(input, resolved);
  const plan = learning?.plan;
  // Only a wait that saw the task from its first poll on can tell when it finished.
  const fromStart = clock.now() - submittedAt < (plan?.[0] ?? options.initialDelayMs);
  let polls = 0;
  let lastRunningAt = 0;

  return {
    nextDelay: () =>
      nextPollDelay({ polls, elapsedMs: clock.now() - submittedAt, options, expected, plan, random }),
    observe(status, delivered) {
      if (!delivered) polls++;
      const elapsed = Math.max(0, clock.now() - submittedAt);
      if (status.state === "succeeded" && learning && fromStart) {
        learning.observe(finishedAt(status, { delivered, lastRunningAt, elapsed }, learning.step));
      }
      lastRunningAt = elapsed;
    },
  };
}

/** The pace a call runs at: an emulator's time scale shortens the schedule, and a task slot's lease with it. */
export function pollTimeScale(
  capabilities: ModelCapabilities | undefined,
  chosen: readonly (PollOptions | undefined)[],
): number {
  return resolvePollOptions(undefined, capabilities?.poll, ...chosen).timeScale;
}

/**
 * The schedule learned from recent tasks of this kind. `observe` records a finished task's duration (in the
 * options' time scale) for the next ones.
 */
async function learnedSchedule({ handle, latency, logger }: PollPlannerInput, resolved: ResolvedPollOptions) {
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
