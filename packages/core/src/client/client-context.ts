import { DEFAULT_RETRY_OPTIONS, type ResolvedRetryOptions } from "../calls/retry-policy.js";
import type { Coordinator } from "../coordination/coordinator.js";
import { inMemoryCoordinator } from "../coordination/in-memory-coordinator.js";
import { type VendorLimits, vendorLimits } from "../coordination/vendor-limits.js";
import type { PollOptions } from "../lifecycle/poll-schedule.js";
import type { Logger } from "../provider/image-provider.js";
import { ModelRegistry } from "../request/model-registry.js";
import { type Clock, systemClock } from "../shared/clock.js";
import { withOverrides } from "../shared/overrides.js";
import {
  checkClientOptions,
  DEFAULT_REQUEST_TIMEOUT_MS,
  DEFAULT_TIMEOUT_MS,
  type ImageClientOptions,
} from "./client-options.js";

/**
 * What the parts that run tasks share: the client's options with every default applied, the model
 * registry, the providers' limits and the coordinator that enforces them. Made once per client.
 */
export interface ClientContext {
  options: ImageClientOptions;
  registry: ModelRegistry;
  clock: Clock;
  random: () => number;
  logger: Logger;
  retry: ResolvedRetryOptions;
  requestTimeoutMs: number;
  timeoutMs: number;
  /** The client's poll options; the model's schedule fills in the rest per task. */
  poll: PollOptions | undefined;
  /** Each provider's request budget and task capacity, documented or overridden. */
  limitsOf(provider: string): VendorLimits;
  coordinator: Coordinator;
}

/** Checks the options (a `ValidationError` at start-up for a client that could never work) and resolves them. */
export function createClientContext(options: ImageClientOptions): ClientContext {
  const registry = new ModelRegistry(options.providers);
  checkClientOptions(options, registry);
  const clock = options.clock ?? systemClock;
  return {
    options,
    registry,
    clock,
    random: options.random ?? Math.random,
    logger: options.logger ?? {},
    retry: withOverrides(DEFAULT_RETRY_OPTIONS, options.retry),
    requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    poll: options.poll,
    limitsOf: vendorLimits((provider) => registry.provider(provider).limits, options.limits),
    coordinator: options.coordinator ?? inMemoryCoordinator({ clock }),
  };
}
