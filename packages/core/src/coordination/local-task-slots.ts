import { type Clock, startTimer } from "../shared/clock.js";
import type { SlotRequest, TaskSlot } from "./coordinator.js";
import { WaiterQueue } from "./waiter-queue.js";

interface SlotEntry {
  taskId: string | undefined;
  expiresAt: number;
}

/**
 * One provider's task slots in this process. A slot is held from before a submit until the task's end is
 * observed, the slot is given back, or its lease runs out; callers over the capacity wait in order.
 */
export class LocalTaskSlots {
  private readonly held = new Map<number, SlotEntry>();
  private readonly byTask = new Map<string, number>();
  private readonly queue = new WaiterQueue<number>();
  private capacity = Number.POSITIVE_INFINITY;
  private nextId = 0;
  /** Cancels the pending lease check, while one is pending. */
  private cancelTimer: (() => void) | undefined;

  constructor(private readonly clock: Clock) {}

  /** Slots held now (expired leases not counted once noticed). */
  get size(): number {
    return this.held.size;
  }

  async acquire({ capacity, leaseMs }: SlotRequest, signal: AbortSignal): Promise<TaskSlot> {
    if (signal.aborted) throw signal.reason;
    this.capacity = capacity;
    this.expire();
    let id: number;
    if (this.queue.size === 0 && this.held.size < capacity) {
      id = this.take();
    } else {
      const granted = this.queue.wait(signal, () => this.stopTimerWhenIdle());
      this.scheduleExpiry();
      id = await granted;
    }
    (this.held.get(id) as SlotEntry).expiresAt = this.clock.now() + leaseMs;
    return {
      bind: async (taskId, boundLeaseMs) => {
        const slot = this.held.get(id);
        if (!slot) return;
        slot.taskId = taskId;
        slot.expiresAt = this.clock.now() + boundLeaseMs;
        this.byTask.set(taskId, id);
        // A shorter lease may now end first: the pending check must wake for it.
        this.cancelTimer?.();
        this.cancelTimer = undefined;
        this.scheduleExpiry();
      },
      release: async () => this.free(id),
    };
  }

  /** Frees the slot bound to the task, if this process holds one. */
  releaseTask(taskId: string): void {
    const id = this.byTask.get(taskId);
    if (id !== undefined) this.free(id);
  }

  private take(): number {
    const id = this.nextId++;
    // The lease starts when the caller has the slot; until then it cannot expire.
    this.held.set(id, { taskId: undefined, expiresAt: Number.POSITIVE_INFINITY });
    return id;
  }

  private free(id: number): void {
    const slot = this.held.get(id);
    if (!slot) return;
    this.held.delete(id);
    if (slot.taskId !== undefined) this.byTask.delete(slot.taskId);
    this.drain();
  }

  private drain(): void {
    while (this.queue.size > 0 && this.held.size < this.capacity) {
      const id = this.take();
      if (!this.queue.grant(id)) this.held.delete(id);
    }
    this.stopTimerWhenIdle();
  }

  /** Drops slots whose lease ran out: their tasks ended unobserved, or their process is gone. */
  private expire(): void {
    const now = this.clock.now();
    for (const [id, slot] of this.held) {
      if (slot.expiresAt > now) continue;
      this.held.delete(id);
      if (slot.taskId !== undefined) this.byTask.delete(slot.taskId);
    }
  }

  /** While callers wait, wakes at the earliest lease end; no timer is left behind when nobody waits. */
  private scheduleExpiry(): void {
    if (this.cancelTimer !== undefined || this.queue.size === 0) return;
    let earliest = Number.POSITIVE_INFINITY;
    for (const slot of this.held.values()) earliest = Math.min(earliest, slot.expiresAt);
    if (!Number.isFinite(earliest)) return;
    // Chained timers: a lease may be longer than one timer can run.
    this.cancelTimer = startTimer(this.clock, Math.max(0, earliest - this.clock.now()), () => {
      this.cancelTimer = undefined;
      this.expire();
      this.drain();
      this.scheduleExpiry();
    });
  }

  private stopTimerWhenIdle(): void {
    if (this.queue.size > 0 || this.cancelTimer === undefined) return;
    this.cancelTimer();
    this.cancelTimer = undefined;
  }
}
