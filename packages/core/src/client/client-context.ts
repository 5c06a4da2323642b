import { DEFAULT_RETRY_OPTIONS } from "../calls/retry-policy.js";
import { inMemoryCoordinator } from "../coordination/in-memory-coordinator.js";
import { vendorLimits } from "../coordination/vendor-limits.js";
import type { TaskContext } from "../lifecycle/task-context.js";
import { inMemoryLatencyEstimator } from "../poll/latency-estimate.js";
import { ModelRegistry } from "../request/model-registry.js";
import { systemClock } from "../shared/clock.js";
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
export interface ClientContext extends TaskContext {
  options: ImageClientOptions;
  /** Overall deadline of a call that sets none. */
  timeoutMs: number;
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
    latency: inMemoryLatencyEstimator(),
  };
}
