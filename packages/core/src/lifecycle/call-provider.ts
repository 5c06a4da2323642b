import type { CallContext } from "../calls/call-context.js";
import { callWithRetry } from "../calls/call-with-retry.js";
import type { CallPhase } from "../model/call-phase.js";
import type { TaskHandle } from "../model/task.js";
import type { ProviderContext } from "../provider/image-provider.js";
import type { EventListener } from "./events.js";

export interface ProviderCallOptions {
  signal: AbortSignal;
  handle: TaskHandle | undefined;
  emit: EventListener;
  /** Retry 429/5xx/network/timeouts until `signal` aborts rather than `retry.maxAttempts` times. */
  rideOutOutages?: boolean | undefined;
}

/** One provider call within the request budget, with the request timeout and the phase-aware retry policy. */
export function callProvider<T>(
  context: CallContext,
  phase: CallPhase,
  provider: string,
  operation: (ctx: ProviderContext) => Promise<T>,
  { signal, handle, emit, rideOutOutages }: ProviderCallOptions,
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
    rideOutOutages,
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
