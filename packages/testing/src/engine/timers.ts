/** The emulator's own timers (callback deliveries), cancelled together on reset or close. */
export class Timers {
  #pending = new Set<ReturnType<typeof setTimeout>>();
  #closed = false;
  #abort = new AbortController();

  /** Aborted by `clear()` and `close()`, for work that keeps its own timers (a delivery and its retries). */
  get signal(): AbortSignal {
    return this.#abort.signal;
  }

  schedule(run: () => void, delayMs: number): void {
    if (this.#closed) return;
    const timer = setTimeout(() => {
      this.#pending.delete(timer);
      run();
    }, delayMs);
    // A pending callback must not keep a test process or the CLI alive on its own.
    timer.unref?.();
    this.#pending.add(timer);
  }

  clear(): void {
    for (const timer of this.#pending) clearTimeout(timer);
    this.#pending.clear();
    this.#abort.abort();
    if (!this.#closed) this.#abort = new AbortController();
  }

  /** Cancel everything pending and schedule nothing more. */
  close(): void {
    this.#closed = true;
    this.clear();
  }
}
