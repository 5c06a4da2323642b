import type { TaskHandle, TaskStatus } from "../lifecycle/task.js";
import type { Clock } from "../shared/clock.js";

type Wake = (status: TaskStatus) => void;

/** Lets a confirmed webhook delivery end a poll sleep early for a task waited on in this process. */
export class CallbackInbox {
  private readonly waiting = new Map<string, Set<Wake>>();

  /** Sleeps `ms`; resolves early with a status delivered for the task, or `undefined` when the time is up. */
  sleep(handle: TaskHandle, ms: number, clock: Clock, signal: AbortSignal): Promise<TaskStatus | undefined> {
    const key = taskKey(handle);
    return new Promise((resolve, reject) => {
      if (signal.aborted) {
        reject(signal.reason);
        return;
      }
      const wakers = this.waiting.get(key) ?? new Set<Wake>();
      this.waiting.set(key, wakers);
      const finish = () => {
        clock.clearTimeout(timer);
        signal.removeEventListener("abort", onAbort);
        wakers.delete(wake);
        if (wakers.size === 0) this.waiting.delete(key);
      };
      const wake: Wake = (status) => {
        finish();
        resolve(status);
      };
      const onAbort = () => {
        finish();
        reject(signal.reason);
      };
      const timer = clock.setTimeout(() => {
        finish();
        resolve(undefined);
      }, ms);
      wakers.add(wake);
      signal.addEventListener("abort", onAbort, { once: true });
    });
  }

  /** Wakes every waiter on the task with a confirmed status. */
  deliver(handle: TaskHandle, status: TaskStatus): void {
    for (const wake of [...(this.waiting.get(taskKey(handle)) ?? [])]) wake(status);
  }
}

/** Task ids are unique per provider, not across providers. */
function taskKey({ provider, taskId }: TaskHandle): string {
  return `${provider}\u0000${taskId}`;
}
