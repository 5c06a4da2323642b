import { WaiterQueue } from "./waiter-queue.js";

/** At most `limit` holders at once; further callers wait in order. */
export class ConcurrencyLimiter {
  private active = 0;
  private readonly queue = new WaiterQueue<() => void>();

  constructor(private readonly limit: number) {}

  get running(): number {
    return this.active;
  }

  /** Resolves with a release function once a slot is free; call it exactly once when done. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve(this.releaser());
    }
    return this.queue.wait(signal);
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // The slot passes straight to the next waiter, so `active` stays the same.
      if (!this.queue.grant(this.releaser())) this.active--;
    };
  }
}
