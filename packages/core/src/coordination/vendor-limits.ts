import type { ProviderLimits } from "../model/capabilities.js";
import { withOverrides } from "../shared/overrides.js";
import type { RequestBudget } from "./coordinator.js";

/** One provider's limits as the client enforces them; `undefined` where there is no such limit. */
export interface VendorLimits {
  budget: RequestBudget | undefined;
  /** Unfinished tasks allowed at once. */
  capacity: number | undefined;
}

/** Resolves each provider's documented limits with the client's overrides (`false`: none), once per provider. */
export function vendorLimits(
  documented: (provider: string) => ProviderLimits | undefined,
  overrides: Readonly<Record<string, ProviderLimits | false>> | undefined,
): (provider: string) => VendorLimits {
  const resolved = new Map<string, VendorLimits>();
  return (provider) => {
    let limits = resolved.get(provider);
    if (!limits) {
      const override = overrides?.[provider];
      const merged = override === false ? {} : withOverrides(documented(provider) ?? {}, override);
      limits = {
        budget: merged.requestsPerMinute
          ? { requests: merged.requestsPerMinute, windowMs: 60_000 }
          : undefined,
        capacity: merged.concurrentTasks || undefined,
      };
      resolved.set(provider, limits);
    }
    return limits;
  };
}
