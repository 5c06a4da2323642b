import type { Clock } from "@org/imagegen-core";

interface Timer {
  at: number;
  seq: number;
  callback: () => void;
  cancelled: boolean;
}

/**
 * A discrete-event clock for the client's `clock` option: time jumps from one timer to the next, and every
 * promise chain a timer starts settles before time moves on. Hours of polling run in milliseconds, and a
 * run is exactly repeatable.
 */
export class VirtualClock implements Clock {
  #now = 0;
  #seq = 0;
  readonly #heap: Timer[] = [];

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, ms: number): Timer {
    const timer = { at: this.#now + Math.max(0, ms), seq: this.#seq++, callback, cancelled: false };
    this.#push(timer);
    return timer;
  }

  clearTimeout(timer: unknown): void {
    (timer as Timer).cancelled = true;
  }

  /** Runs timers in order until `work` settles, and returns what it returned. */
  async run<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    const done = work.finally(() => {
      settled = true;
    });
    done.catch(() => {});
    await settle();
    while (!settled) {
      const next = this.#pop();
      if (!next) throw new Error("The work is waiting on something other than this clock.");
      this.#now = next.at;
      next.callback();
      // Timers due at the same instant run before the event loop turns, as real ones would.
      while (this.#heap[0] && this.#heap[0].at === this.#now) this.#pop()?.callback();
      await settle();
    }
    return done;
  }

  #push(timer: Timer): void {
    const heap = this.#heap;
    heap.push(timer);
    for (let i = heap.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i] as Timer, heap[parent] as Timer)) break;
      [heap[i], heap[parent]] = [heap[parent] as Timer, heap[i] as Timer];
      i = parent;
    }
  }

  /** The earliest timer that was not cleared. */
  #pop(): Timer | undefined {
    const heap = this.#heap;
    while (heap.length > 0) {
      const top = heap[0] as Timer;
      const last = heap.pop() as Timer;
      if (heap.length > 0) {
        heap[0] = last;
        for (let i = 0; ; ) {
          const left = 2 * i + 1;
          const right = left + 1;
          let least = i;
          if (left < heap.length && before(heap[left] as Timer, heap[least] as Timer)) least = left;
          if (right < heap.length && before(heap[right] as Timer, heap[least] as Timer)) least = right;
          if (least === i) break;
          [heap[i], heap[least]] = [heap[least] as Timer, heap[i] as Timer];
          i = least;
        }
      }
      if (!top.cancelled) return top;
    }
    return undefined;
  }
}

const before = (a: Timer, b: Timer) => a.at < b.at || (a.at === b.at && a.seq < b.seq);

/** Lets every pending promise continuation run (setImmediate comes after all microtasks). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
