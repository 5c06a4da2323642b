import { callWithRetry } from "../calls/call-with-retry.js";
import type { CallPhase, RetryOptions } from "../calls/retry-policy.js";
import type { CallbackInbox } from "../coordination/callback-inbox.js";
import { ConcurrencyLimiter } from "../coordination/concurrency-limiter.js";
import { RateLimiter } from "../coordination/rate-limiter.js";
import type { EventListener, ImageGenEvent } from "../lifecycle/events.js";
import type { PollSettings } from "../lifecycle/poll-schedule.js";
import type { TaskHandle, TaskStatus } from "../lifecycle/task.js";
import type { Logger, ProviderContext, ProviderLimits } from "../provider/image-provider.js";
import type { ModelRegistry } from "../request/model-registry.js";
import type { Clock } from "../shared/clock.js";

export interface ProviderLimiters {
  rate: RateLimiter | undefined;
  tasks: ConcurrencyLimiter | undefined;
}

/** The client's resolved settings and shared machinery, handed to the pieces that run tasks. */
export interface Runtime {
  registry: ModelRegistry;
  clock: Clock;
  random: () => number;
  logger: Logger;
  retry: RetryOptions;
  requestTimeoutMs: number;
  timeoutMs: number;
  poll: PollSettings | undefined;
  inbox: CallbackInbox;
  limiters(provider: string): ProviderLimiters;
}

export function createLimiters(limits: ProviderLimits | undefined, clock: Clock): ProviderLimiters {
  const perMinute = limits?.requestsPerMinute;
  const concurrent = limits?.concurrentTasks;
  return {
    rate: perMinute ? new RateLimiter(perMinute, 60_000, clock) : undefined,
    tasks: concurrent ? new ConcurrencyLimiter(concurrent) : undefined,
  };
}

/** Sends an event to every listener; a listener that throws is logged, never allowed to break the task. */
export function createEmitter(logger: Logger, ...listeners: (EventListener | undefined)[]) {
  return (event: ImageGenEvent): void => {
    logger.debug?.(`imagegen ${event.type}`, { ...event });
    for (const listener of listeners) {
      try {
        listener?.(event);
      } catch (error) {
        logger.error?.("onEvent listener threw", { event: event.type, error: String(error) });
      }
    }
  };
}

export type Emit = ReturnType<typeof createEmitter>;

/** One provider call with the rate limiter, the request timeout and the phase-aware retry policy. */
export function callProvider<T>(
  runtime: Runtime,
  phase: CallPhase,
  provider: string,
  operation: (ctx: ProviderContext) => Promise<T>,
  options: { signal: AbortSignal; handle: TaskHandle | undefined; emit: Emit },
): Promise<T> {
  const { clock, logger, retry, random, requestTimeoutMs } = runtime;
  const rate = runtime.limiters(provider).rate;
  const { handle, emit } = options;
  return callWithRetry((signal) => operation({ signal, logger }), {
    phase,
    provider,
    taskId: handle?.taskId,
    retry,
    requestTimeoutMs,
    clock,
    random,
    signal: options.signal,
    beforeAttempt: rate ? (signal) => rate.acquire(signal) : undefined,
    onRetry: ({ attempt, delayMs, error }) => {
      logger.warn?.(`${phase} call failed, retrying`, { provider, attempt, delayMs, error: error.message });
      emit({ type: "retry", at: clock.now(), handle, phase, attempt, delayMs, error });
    },
  });
}

/** One status check of a task through its adapter: rate-limited, timed out and retried like every status call. */
export function fetchStatus(
  runtime: Runtime,
  handle: TaskHandle,
  options: { signal: AbortSignal; emit: Emit },
): Promise<TaskStatus> {
  const adapter = runtime.registry.provider(handle.provider);
  return callProvider(runtime, "status", handle.provider, (ctx) => adapter.getStatus(handle, ctx), {
    ...options,
    handle,
  });
}
