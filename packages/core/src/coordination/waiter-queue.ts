interface Waiter<T> {
  resolve: (value: T) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

/** A FIFO of callers waiting for something; a caller whose signal aborts leaves the line at once. */
export class WaiterQueue<T> {
  private readonly waiters: Waiter<T>[] = [];

  get size(): number {
    return this.waiters.length;
  }

  /** Resolves with what `grant` hands over; rejects with the signal's reason if it aborts first. */
  wait(signal: AbortSignal | undefined, onLeave?: () => void): Promise<T> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = {
        resolve,
        signal,
        onAbort: () => {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          reject(signal?.reason);
          onLeave?.();
        },
      };
      signal?.addEventListener("abort", waiter.onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  /** Hands `value` to the longest waiting caller; false when nobody waits. */
  grant(value: T): boolean {
    const waiter = this.waiters.shift();
    if (!waiter) return false;
    waiter.signal?.removeEventListener("abort", waiter.onAbort);
    waiter.resolve(value);
    return true;
  }
}
