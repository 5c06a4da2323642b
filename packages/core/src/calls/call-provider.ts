import type { ClientContext } from "../client/client-context.js";
import type { EventListener } from "../lifecycle/events.js";
import type { TaskHandle, TaskStatus } from "../lifecycle/task.js";
import type { ProviderContext } from "../provider/image-provider.js";
import { callWithRetry } from "./call-with-retry.js";
import type { CallPhase } from "./retry-policy.js";

export interface ProviderCallOptions {
  signal: AbortSignal;
  handle: TaskHandle | undefined;
  emit: EventListener;
}

/** One provider call with the rate limiter, the request timeout and the phase-aware retry policy. */
export function callProvider<T>(
  context: ClientContext,
  phase: CallPhase,
  provider: string,
  operation: (ctx: ProviderContext) => Promise<T>,
  { signal, handle, emit }: ProviderCallOptions,
): Promise<T> {
  const { clock, logger, retry, random, requestTimeoutMs, coordinator } = context;
  const { budget } = context.limitsOf(provider);
  return callWithRetry((attemptSignal) => operation({ signal: attemptSignal, logger }), {
    phase,
    provider,
    taskId: handle?.taskId,
    retry,
    requestTimeoutMs,
    clock,
    random,
    signal,
    // Every HTTP call, submit or status, spends the vendor's request budget.
    beforeAttempt: budget
      ? (attemptSignal) => coordinator.acquireRequest(provider, budget, attemptSignal)
      : undefined,
    onRetry: ({ attempt, delayMs, error }) => {
      logger.warn?.(`${phase} call failed, retrying`, { provider, attempt, delayMs, error: error.message });
      emit({ type: "retry", at: clock.now(), handle, phase, attempt, delayMs, error });
    },
  });
}

/** One status check of a task through its adapter: rate-limited, timed out and retried like every status call. */
export function fetchStatus(
  context: ClientContext,
  handle: TaskHandle,
  options: { signal: AbortSignal; emit: EventListener },
): Promise<TaskStatus> {
  const adapter = context.registry.provider(handle.provider);
  return callProvider(context, "status", handle.provider, (ctx) => adapter.getStatus(handle, ctx), {
    ...options,
    handle,
  });
}
