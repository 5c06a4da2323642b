import type { Clock } from "../shared/clock.js";
import { WaiterQueue } from "./waiter-queue.js";

/**
 * One provider's request budget in this process: at most `limit` acquisitions in any window of `windowMs` (a
 * sliding window, as vendors count), callers queued in order beyond that. Queueing here is what keeps a busy
 * client from collecting 429s.
 */
export class LocalRequestBudget {
  private readonly stamps: number[];
  private next = 0;
  private readonly queue = new WaiterQueue<void>();
  private timer: unknown;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly clock: Clock,
  ) {
    this.stamps = new Array<number>(limit).fill(Number.NEGATIVE_INFINITY);
  }

  /** Resolves when a request may be sent; rejects with the signal's reason if it aborts first. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.queue.size === 0 && this.tryTake()) return Promise.resolve();
    const granted = this.queue.wait(signal, () => {
      if (this.queue.size === 0) this.stopTimer();
    });
    this.schedule();
    return granted;
  }

  /** The ring buffer holds the last `limit` grants; the oldest must have left the window. */
  private tryTake(): boolean {
    const now = this.clock.now();
    if (now - (this.stamps[this.next] as number) < this.windowMs) return false;
    this.stamps[this.next] = now;
    this.next = (this.next + 1) % this.limit;
    return true;
  }

  private schedule(): void {
    if (this.timer !== undefined) return;
    const wait = (this.stamps[this.next] as number) + this.windowMs - this.clock.now();
    this.timer = this.clock.setTimeout(
      () => {
        this.timer = undefined;
        while (this.queue.size > 0 && this.tryTake()) this.queue.grant();
        if (this.queue.size > 0) this.schedule();
      },
      Math.max(0, wait),
    );
  }

  private stopTimer(): void {
    if (this.timer === undefined) return;
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
