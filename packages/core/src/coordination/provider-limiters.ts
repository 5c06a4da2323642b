import type { ProviderLimits } from "../provider/image-provider.js";
import type { Clock } from "../shared/clock.js";
import { withOverrides } from "../shared/overrides.js";
import { ConcurrencyLimiter } from "./concurrency-limiter.js";
import { RateLimiter } from "./rate-limiter.js";

/** One provider's request-rate budget and task slots; `undefined` where the provider has no such limit. */
export interface ProviderLimiters {
  rate: RateLimiter | undefined;
  tasks: ConcurrencyLimiter | undefined;
}

/** The limiters of every provider of one client, made on first use from the documented limits and overrides. */
export class LocalLimits {
  private readonly byProvider = new Map<string, ProviderLimiters>();

  constructor(
    private readonly documented: (provider: string) => ProviderLimits | undefined,
    private readonly overrides: Readonly<Record<string, ProviderLimits | false>> | undefined,
    private readonly clock: Clock,
  ) {}

  for(provider: string): ProviderLimiters {
    let limiters = this.byProvider.get(provider);
    if (!limiters) {
      const override = this.overrides?.[provider];
      const limits = override === false ? {} : withOverrides(this.documented(provider) ?? {}, override);
      limiters = {
        rate: limits.requestsPerMinute
          ? new RateLimiter(limits.requestsPerMinute, 60_000, this.clock)
          : undefined,
        tasks: limits.concurrentTasks ? new ConcurrencyLimiter(limits.concurrentTasks) : undefined,
      };
      this.byProvider.set(provider, limiters);
    }
    return limiters;
  }
}
