import { ValidationError } from "../errors/errors.js";
import type { TaskHandle, TaskStatus } from "../model/task.js";
import { isPathSegment, PATH_SEGMENT_RULE } from "../shared/path-segment.js";
import { callProvider, type ProviderCallOptions } from "./call-provider.js";
import type { TaskContext } from "./task-context.js";

/**
 * One status check of a task through its adapter: rate-limited, timed out and retried like every status call;
 * never sent for a task id or model that is not one URL path segment. A wait passes `rideOutOutages`, so a vendor outage is retried until the wait's own deadline.
 */
export function fetchStatus(
  context: TaskContext,
  handle: TaskHandle,
  options: Pick<ProviderCallOptions, "signal" | "emit" | "rideOutOutages">,
): Promise<TaskStatus> {
  // Adapters put both into the status call's URL. Stored handles are parsed before this; a callback's
  // task id and model (from its body and URL) are checked nowhere else.
  for (const key of ["taskId", "model"] as const) {
    if (!isPathSegment(handle[key])) {
      const value = JSON.stringify(handle[key].slice(0, 64));
      return Promise.reject(
        new ValidationError(
          `Cannot check ${handle.provider} task: its ${key} ${value} ${PATH_SEGMENT_RULE}.`,
          {
            provider: handle.provider,
            issues: [{ path: key, message: PATH_SEGMENT_RULE }],
          },
        ),
      );
    }
  }
  const adapter = context.registry.provider(handle.provider);
  return callProvider(context, "status", handle.provider, (ctx) => adapter.getStatus(handle, ctx), {
    ...options,
    handle,
  });
}
