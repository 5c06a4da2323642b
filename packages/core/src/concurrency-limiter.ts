interface Waiter {
  grant: (release: () => void) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

/** At most `limit` holders at once; further callers wait in order. */
export class ConcurrencyLimiter {
  private active = 0;
  private readonly queue: Waiter[] = [];

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
    return new Promise((grant, reject) => {
      const waiter: Waiter = {
        grant,
        signal,
        onAbort: () => {
          this.queue.splice(this.queue.indexOf(waiter), 1);
          reject(signal?.reason);
        },
      };
      signal?.addEventListener("abort", waiter.onAbort, { once: true });
      this.queue.push(waiter);
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.queue.shift();
      if (!next) {
        this.active--;
        return;
      }
      // The slot passes straight to the next waiter, so `active` stays the same.
      next.signal?.removeEventListener("abort", next.onAbort);
      next.grant(this.releaser());
    };
  }
}
