import { callProvider } from "../calls/call-provider.js";
import type { EventListener } from "./events.js";
import type { TaskHandle, TaskStatus } from "./task.js";
import type { TaskContext } from "./task-context.js";

/** One status check of a task through its adapter: rate-limited, timed out and retried like every status call. */
export function fetchStatus(
  context: TaskContext,
  handle: TaskHandle,
  options: { signal: AbortSignal; emit: EventListener },
): Promise<TaskStatus> {
  const adapter = context.registry.provider(handle.provider);
  return callProvider(context, "status", handle.provider, (ctx) => adapter.getStatus(handle, ctx), {
    ...options,
    handle,
  });
}
