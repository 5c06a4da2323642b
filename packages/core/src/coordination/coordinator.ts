import type { TaskStatus } from "../model/task.js";

/**
 * What every client that talks to a vendor must agree on, so the vendor's limits hold for all of them: the
 * request-rate budget, the task slots, and confirmed callback results. Clients given the same coordinator
 * share it: `inMemoryCoordinator()` within one process (each client has its own by default), and
 * `@org/imagegen-redis` across processes and machines. Every method must be safe to call concurrently.
 */
export interface Coordinator {
  /**
   * Resolves when one more HTTP call to the provider fits its budget (`requests` per sliding `windowMs`);
   * over it, callers queue in order. Rejects with the signal's reason when it aborts first.
   */
  acquireRequest(provider: string, budget: RequestBudget, signal: AbortSignal): Promise<void>;
  /**
   * Takes one of the provider's `capacity` task slots before a submit, waiting in order while all are held.
   * The slot is held until the task's end is observed (`releaseTask`), it is given back (`slot.release()`),
   * or its lease runs out, so a slot of a crashed process comes back by itself. Rejects on abort.
   */
  acquireTaskSlot(provider: string, request: SlotRequest, signal: AbortSignal): Promise<TaskSlot>;
  /** Frees the slot of a task whose end any call observed, in any process. Idempotent; unknown tasks are fine. */
  releaseTask(task: TaskRef): Promise<void>;
  /** Keeps a confirmed terminal status for `ttlMs` and wakes every watcher of the task, in every process. */
  publishResult(task: TaskRef, status: TaskStatus, ttlMs: number): Promise<void>;
  /** The kept result of the task, if one was published and has not expired. */
  readResult(task: TaskRef): Promise<TaskStatus | undefined>;
  /**
   * Calls `listener` with each result published for the task from now on. Resolves, once listening, with a
   * function that stops it (call it exactly once).
   */
  watchResult(task: TaskRef, listener: (status: TaskStatus) => void): Promise<() => void>;
}

/** A task as the coordinator knows it: task ids are unique per provider. */
export interface TaskRef {
  provider: string;
  taskId: string;
}

/** A vendor's documented request rate: at most `requests` calls in any window of `windowMs`. */
export interface RequestBudget {
  requests: number;
  windowMs: number;
}

export interface SlotRequest {
  /** How many unfinished tasks the vendor allows at once. */
  capacity: number;
  /** How long the slot is held at most before it is bound: the submit, and the task it may have created. */
  leaseMs: number;
}

/** A held task slot. */
export interface TaskSlot {
  /**
   * Ties the slot to the task its submit created, so any call that sees the task end can free it, and
   * restarts its lease: from now, it is held at most `leaseMs` when nobody observes the task's end.
   */
  bind(taskId: string, leaseMs: number): Promise<void>;
  /** Gives the slot back at once: the submit certainly created no task. */
  release(): Promise<void>;
}
