import type { EmulatedCall, Fault } from "./fault.js";

interface QueuedFault {
  readonly call: EmulatedCall;
  readonly fault: Fault;
  readonly taskId: string | undefined;
  remaining: number;
}

/** Faults waiting for the next matching calls; a fault aimed at one task wins over a general one. */
export class FaultQueue {
  #entries: QueuedFault[] = [];

  add(call: EmulatedCall, fault: Fault, times: number, taskId?: string): void {
    if (!Number.isInteger(times) || times < 1) {
      throw new RangeError(`times must be a positive integer, got ${times}`);
    }
    this.#entries.push({ call, fault, taskId, remaining: times });
  }

  take(call: EmulatedCall, taskId?: string): Fault | undefined {
    const entry =
      this.#entries.find((e) => e.call === call && e.taskId !== undefined && e.taskId === taskId) ??
      this.#entries.find((e) => e.call === call && e.taskId === undefined);
    if (entry === undefined) return undefined;
    entry.remaining -= 1;
    if (entry.remaining === 0) this.#entries.splice(this.#entries.indexOf(entry), 1);
    return entry.fault;
  }

  get size(): number {
    return this.#entries.length;
  }

  clear(): void {
    this.#entries = [];
  }
}
