import type { Coordinator } from "../coordination/coordinator.js";
import type { VendorLimits } from "../coordination/vendor-limits.js";
import type { Logger } from "../model/logger.js";
import type { Clock } from "../shared/clock.js";
import type { ResolvedRetryOptions } from "./retry-policy.js";

/** What one provider call needs from its client: time, the retry policy, and the vendor's limits. */
export interface CallContext {
  clock: Clock;
  random: () => number;
  logger: Logger;
  retry: ResolvedRetryOptions;
  requestTimeoutMs: number;
  /** Each provider's request budget and task capacity, documented or overridden. */
  limitsOf(provider: string): VendorLimits;
  coordinator: Coordinator;
}
