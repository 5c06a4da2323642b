import { callProvider, type ProviderCallOptions } from "../calls/call-provider.js";
import type { TaskHandle, TaskStatus } from "./task.js";
import type { TaskContext } from "./task-context.js";

/**
 * One status check of a task through its adapter: rate-limited, timed out and retried like every status call.
 * A wait passes `rideOutOutages`, so a vendor outage is retried until the wait's own deadline.
 */
export function fetchStatus(
  context: TaskContext,
  handle: TaskHandle,
  options: Pick<ProviderCallOptions, "signal" | "emit" | "rideOutOutages">,
): Promise<TaskStatus> {
  const adapter = context.registry.provider(handle.provider);
  return callProvider(context, "status", handle.provider, (ctx) => adapter.getStatus(handle, ctx), {
    ...options,
    handle,
  });
}
