import { callProvider } from "./call-provider.js";
import type { TaskSlot } from "../coordination/coordinator.js";
import { ProviderError, SubmitOutcomeUnknownError } from "../errors/errors.js";
import type { ProviderSubmission } from "../provider/image-provider.js";
import { expectedLatency } from "../request/capabilities.js";
import type { PreparedRequest } from "../request/prepare-request.js";
import type { Deadline } from "../shared/deadline.js";
import { isPathSegment, PATH_SEGMENT_RULE } from "../shared/path-segment.js";
import type { LatencyRange, TaskHandle } from "../model/task.js";
import type { TaskContext } from "./task-context.js";
import type { TaskLifecycle } from "./task-lifecycle.js";

/** A slot's lease when nobody observes its task's end: well past the typical latency, a minute at least. */
const MIN_LEASE_MS = 60_000;
const LEASE_LATENCIES = 3;

/** The lease of a bound task slot, at the pace the client polls (an emulator's time scale shortens it too). */
export function slotLease(expected: LatencyRange, timeScale: number): number {
  return Math.max(MIN_LEASE_MS, LEASE_LATENCIES * expected.max) * timeScale;
}

/**
 * Takes one of the provider's task slots before a submit, so the vendor's cap on unfinished tasks holds for
 * every client sharing the coordinator; `undefined` when the provider has no such cap.
 */
/** A held slot and the lease it gets once bound to its task. */
export interface HeldSlot {
  slot: TaskSlot;
  boundLeaseMs: number;
}

export async function takeTaskSlot(
  context: TaskContext,
  { target, request }: PreparedRequest,
  timeScale: number,
  signal: AbortSignal,
): Promise<HeldSlot | undefined> {
  const { capacity } = context.limitsOf(target.provider);
  if (capacity === undefined) return undefined;
  const boundLeaseMs = slotLease(expectedLatency(target.capabilities, request.resolution), timeScale);
  // Until it is bound, the slot also covers the submit itself, which runs at real pace whatever the scale.
  const leaseMs = boundLeaseMs + context.requestTimeoutMs;
  const slot = await context.coordinator.acquireTaskSlot(target.provider, { capacity, leaseMs }, signal);
  return { slot, boundLeaseMs };
}

/** Returns a slot whose submit certainly created nothing; if the coordinator fails, the lease frees it. */
export async function giveBack(context: TaskContext, held: HeldSlot, provider: string): Promise<void> {
  await held.slot.release().catch((cause: unknown) => {
    context.logger.warn?.("could not give the task slot back", { provider, error: String(cause) });
  });
}

/**
 * Submits a prepared request with one adapter call (retried only where the vendor certainly created nothing)
 * and builds the handle from the vendor's task id. The lifecycle records `submitted` or `submit_failed`. The
 * slot is bound to the task, given back when the vendor certainly created nothing, and otherwise kept until
 * its lease ends, since a task may exist.
 */
export async function submitTask(
  context: TaskContext,
  { target, request }: PreparedRequest,
  deadline: Deadline,
  lifecycle: TaskLifecycle,
  held: HeldSlot | undefined,
): Promise<TaskHandle> {
  let submission: ProviderSubmission;
  try {
    submission = await callProvider(
      context,
      "submit",
      target.provider,
      async (ctx) => usableSubmission(await target.adapter.submit(request, ctx), target.provider),
      { signal: deadline.signal, handle: undefined, emit: lifecycle.emit },
    );
  } catch (error) {
    if (held && !SubmitOutcomeUnknownError.isInstance(error)) await giveBack(context, held, target.provider);
    lifecycle.endBeforeTask(deadline);
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
  await held?.slot.bind(handle.taskId, held.boundLeaseMs).catch((error: unknown) => {
    // The task exists and is paid for: losing the binding only means its slot waits for the lease.
    context.logger.warn?.("could not bind the task slot", {
      provider: handle.provider,
      error: String(error),
    });
  });
  lifecycle.submitted(handle);
  return handle;
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
