import { TaskTimeoutError, ValidationError } from "../errors/errors.js";
import type { EventListener } from "../lifecycle/events.js";
import { fetchStatus } from "../lifecycle/fetch-status.js";
import type { TaskContext } from "../lifecycle/task-context.js";
import type { TaskHandle, TaskStatus } from "../model/task.js";
import { abortable, createDeadline } from "../shared/deadline.js";
import {
  type CallbackOptions,
  DEFAULT_CONFIRM_TIMEOUT_MS,
  DEFAULT_RESULT_TTL_MS,
  readCallback,
} from "./callback.js";

/** Per-delivery options of `handleCallback`. */
export interface CallbackCallOptions {
  /** Aborts the confirmation, e.g. when the webhook request is closed. */
  signal?: AbortSignal | undefined;
  /** Overrides `callback.confirmTimeoutMs` for this delivery. */
  timeoutMs?: number | undefined;
}

/**
 * Receives webhook deliveries: authenticates them, confirms each task's claim with one status call shared
 * by every duplicate delivery in this process, keeps a confirmed end for later waits (in every process
 * sharing the coordinator) and frees the task's slot.
 */
export class CallbackReceiver {
  private readonly confirming = new Map<string, Promise<TaskStatus>>();

  constructor(
    private readonly context: TaskContext,
    private readonly options: CallbackOptions | undefined,
    private readonly emit: EventListener,
  ) {}

  async handle(request: Request, call: CallbackCallOptions): Promise<TaskStatus> {
    const { registry, clock, coordinator } = this.context;
    const { options } = this;
    if (!options) {
      throw new ValidationError(
        "Callback mode is off: pass createImageClient({ callback: { url, secret } }).",
      );
    }
    const timeoutMs = call.timeoutMs ?? options.confirmTimeoutMs ?? DEFAULT_CONFIRM_TIMEOUT_MS;
    const deadline = createDeadline(clock, timeoutMs, call.signal);
    try {
      const { handle } = await readCallback(request, options, (name) => registry.provider(name), clock.now());
      // A repeated delivery of a task already confirmed costs no status call.
      const kept = await abortable(coordinator.readResult(handle), deadline.signal);
      if (kept) return kept;
      return await abortable(this.confirm(handle, timeoutMs), deadline.signal);
    } catch (error) {
      if (!deadline.expired()) throw error;
      throw new TaskTimeoutError(
        `Could not confirm the callback delivery within ${timeoutMs} ms. The task stays waitable; answer the ` +
          "vendor with a non-2xx status so that it delivers again.",
        { cause: error, handle: undefined },
      );
    } finally {
      deadline.dispose();
    }
  }

  /** One confirming status call per task at a time, bounded by its own deadline; its end is kept and shared. */
  private confirm(handle: TaskHandle, timeoutMs: number): Promise<TaskStatus> {
    const key = `${handle.provider}\u0000${handle.taskId}`;
    let confirming = this.confirming.get(key);
    if (!confirming) {
      confirming = this.confirmOnce(handle, timeoutMs).finally(() => this.confirming.delete(key));
      this.confirming.set(key, confirming);
    }
    return confirming;
  }

  private async confirmOnce(handle: TaskHandle, timeoutMs: number): Promise<TaskStatus> {
    const { clock, coordinator } = this.context;
    const deadline = createDeadline(clock, timeoutMs);
    try {
      const status = await fetchStatus(this.context, handle, { signal: deadline.signal, emit: this.emit });
      if (status.state === "succeeded" || status.state === "failed") {
        const ttlMs = this.options?.resultTtlMs ?? DEFAULT_RESULT_TTL_MS;
        await coordinator.publishResult(handle, status, ttlMs);
        await coordinator.releaseTask(handle);
      }
      return status;
    } finally {
      deadline.dispose();
    }
  }
}
