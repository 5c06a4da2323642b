import { SubmitOutcomeUnknownError } from "../errors/errors.js";
import type { PollOptions } from "../model/poll-options.js";
import type { LatencyRange, TaskHandle } from "../model/task.js";
import { pollTimeScale } from "../poll/poll-planner.js";
import { expectedLatency } from "../request/capabilities.js";
import type { PreparedRequest } from "../request/prepare-request.js";
import type { TaskContext } from "./task-context.js";

/** A slot's lease when nobody observes its task's end: well past the typical latency, a minute at least. */
const MIN_LEASE_MS = 60_000;
const LEASE_LATENCIES = 3;

/** The lease of a bound task slot, at the pace the client polls (an emulator's time scale shortens it too). */
function slotLease(expected: LatencyRange, timeScale: number): number {
  return Math.max(MIN_LEASE_MS, LEASE_LATENCIES * expected.max) * timeScale;
}

/** One provider's task slot around one submit; `run` is the only place a slot is bound or given back. */
export interface TaskSlotScope {
  /**
   * Runs the caller's last step and the submit in the slot. The slot is bound to the task `submit` returns (from
   * then on it is freed when any call observes the task's end, or when its lease runs out), and given back at
   * once when `before` fails (nothing was sent) or `submit` fails having certainly created nothing. A submit
   * whose outcome is unknown keeps its slot until the lease ends, since a task may exist.
   */
  run(steps: {
    before?: (() => Promise<void>) | undefined;
    submit: () => Promise<TaskHandle>;
  }): Promise<TaskHandle>;
}

/**
 * Takes one of the provider's task slots before a submit, so the vendor's cap on unfinished tasks holds for
 * every client sharing the coordinator; callers over the cap wait in order. A provider without a cap takes
 * none.
 */
export async function enterTaskSlot(
  context: TaskContext,
  { target, request }: PreparedRequest,
  call: { poll: PollOptions | undefined; signal: AbortSignal },
): Promise<TaskSlotScope> {
  const { capacity } = context.limitsOf(target.provider);
  if (capacity === undefined) {
    return {
      async run({ before, submit }) {
        await before?.();
        return submit();
      },
    };
  }
  const timeScale = pollTimeScale(target.capabilities, [context.poll, call.poll]);
  const boundLeaseMs = slotLease(expectedLatency(target.capabilities, request.resolution), timeScale);
  // Until it is bound, the slot also covers the submit itself, which runs at real pace whatever the scale.
  const leaseMs = boundLeaseMs + context.requestTimeoutMs;
  const slot = await context.coordinator.acquireTaskSlot(target.provider, { capacity, leaseMs }, call.signal);
  const { logger } = context;
  const provider = target.provider;
  const giveBack = () =>
    // If the coordinator fails, the lease frees the slot.
    slot.release().catch((cause: unknown) => {
      logger.warn?.("could not give the task slot back", { provider, error: String(cause) });
    });
  return {
    async run({ before, submit }) {
      let handle: TaskHandle;
      try {
        await before?.();
      } catch (error) {
        await giveBack();
        throw error;
      }
      try {
        handle = await submit();
      } catch (error) {
        if (!SubmitOutcomeUnknownError.isInstance(error)) await giveBack();
        throw error;
      }
      await slot.bind(handle.taskId, boundLeaseMs).catch((error: unknown) => {
        // The task exists and is paid for: losing the binding only means its slot waits for the lease.
        logger.warn?.("could not bind the task slot", { provider, error: String(error) });
      });
      return handle;
    },
  };
}
