import type { Coordinator, TaskRef } from "../coordination/coordinator.js";
import type { TaskStatus } from "../model/task.js";
import type { Clock } from "../shared/clock.js";

/** A wait's view of the callback results published for its task, in this process or any other. */
export interface ResultWatch {
  /** Sleeps `ms`; resolves at once, or as soon as it arrives, with a confirmed result; else `undefined`. */
  sleep(ms: number, signal: AbortSignal): Promise<TaskStatus | undefined>;
  stop(): void;
}

/**
 * Starts watching the task's results, then reads the one kept from an earlier delivery, in that order, so a
 * result published in between is not missed.
 */
export async function watchResults(
  coordinator: Coordinator,
  task: TaskRef,
  clock: Clock,
): Promise<ResultWatch> {
  let delivered: TaskStatus | undefined;
  let wake: (() => void) | undefined;
  const stop = await coordinator.watchResult(task, (status) => {
    delivered = status;
    wake?.();
  });
  delivered ??= await coordinator.readResult(task);
  return {
    stop,
    sleep: (ms, signal) =>
      new Promise((resolve, reject) => {
        if (signal.aborted) {
          reject(signal.reason);
          return;
        }
        if (delivered) {
          resolve(delivered);
          return;
        }
        const finish = () => {
          clock.clearTimeout(timer);
          signal.removeEventListener("abort", onAbort);
          wake = undefined;
        };
        const onAbort = () => {
          finish();
          reject(signal.reason);
        };
        wake = () => {
          finish();
          resolve(delivered);
        };
        const timer = clock.setTimeout(() => {
          finish();
          resolve(undefined);
        }, ms);
        signal.addEventListener("abort", onAbort, { once: true });
      }),
  };
}
