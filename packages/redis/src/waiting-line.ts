/** What one try at a shared resource gave: the resource, or how long until trying again is worth it. */
export type Attempt<T> = { granted: T } | { retryInMs: number };

export interface WaitingLineOptions<R, T> {
  /** One atomic try on Redis for the caller at the head of the line. */
  attempt(request: R): Promise<Attempt<T>>;
  /** Returns a grant nobody can take any more (its caller aborted while the try ran). */
  giveBack(granted: T): Promise<void>;
  /** Longest sleep between tries, in case a wake-up from another process was missed. */
  maxSleepMs: number;
  /**
   * Called when the line starts to wait: subscribe to the news that the resource was freed elsewhere and call
   * `wake` on it. Resolves, once listening, with a function that stops listening.
   */
  watchFrees?: ((wake: () => void) => Promise<() => void>) | undefined;
}

interface Waiter<R, T> {
  request: R;
  resolve: (granted: T) => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal;
  onAbort: () => void;
}

/**
 * This process's callers for one shared resource, in order. Only the head tries Redis, so a thousand waiters
 * cost one round trip per wake-up, not a thousand; across processes each line competes for the resource.
 */
export class WaitingLine<R, T> {
  private readonly waiters: Waiter<R, T>[] = [];
  private running = false;
  private woken = false;
  private endSleep: (() => void) | undefined;

  constructor(private readonly options: WaitingLineOptions<R, T>) {}

  /** Resolves with the resource once this caller's turn comes and Redis grants it; rejects on abort. */
  join(request: R, signal: AbortSignal): Promise<T> {
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<R, T> = {
        request,
        resolve,
        reject,
        signal,
        onAbort: () => {
          this.leave(waiter);
          reject(signal.reason);
          if (this.waiters.length === 0) this.wake();
        },
      };
      signal.addEventListener("abort", waiter.onAbort, { once: true });
      this.waiters.push(waiter);
      void this.run();
    });
  }

  /** The resource may have been freed: try again now instead of at the end of the sleep. */
  wake(): void {
    this.woken = true;
    this.endSleep?.();
  }

  private leave(waiter: Waiter<R, T>): void {
    const index = this.waiters.indexOf(waiter);
    if (index >= 0) this.waiters.splice(index, 1);
    waiter.signal.removeEventListener("abort", waiter.onAbort);
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    let watching = false;
    let unwatch: (() => void) | undefined;
    try {
      for (let head = this.waiters[0]; head; head = this.waiters[0]) {
        this.woken = false;
        let outcome: Attempt<T>;
        try {
          outcome = await this.options.attempt(head.request);
        } catch (error) {
          // Redis failed this try: the caller hears why, and the line goes on with the next.
          this.leave(head);
          head.reject(error);
          continue;
        }
        if ("granted" in outcome) {
          if (this.waiters[0] === head) {
            this.leave(head);
            head.resolve(outcome.granted);
          } else {
            await this.options.giveBack(outcome.granted).catch(() => {});
          }
          continue;
        }
        if (!watching && this.options.watchFrees) {
          // Subscribing takes a round trip; whatever was freed meanwhile is found by trying again at once.
          watching = true;
          unwatch = await this.options.watchFrees(() => this.wake()).catch(() => undefined);
          continue;
        }
        if (!this.woken) await this.sleep(Math.min(outcome.retryInMs, this.options.maxSleepMs));
      }
    } finally {
      unwatch?.();
      this.running = false;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.endSleep = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.endSleep = done;
    });
  }
}
