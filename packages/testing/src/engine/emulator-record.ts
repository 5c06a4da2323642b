import type { CallbackDelivery } from "./callback-delivery.js";
import type { EmulatorStats, RecordedRequest } from "./emulator.js";
import type { EmulatedCall } from "./fault.js";

/** A long-running emulator keeps the newest requests only (half are dropped at once, to keep pushes cheap). */
const MAX_RECORDED_REQUESTS = 100_000;

type Counters = { -readonly [K in keyof EmulatorStats]: EmulatorStats[K] };

/** Everything the emulator has seen and done, for assertions and benchmarks. */
export class EmulatorRecord {
  requests: RecordedRequest[] = [];
  deliveries: CallbackDelivery[] = [];
  readonly stats: Counters = emptyCounters();

  call(call: EmulatedCall): void {
    if (call === "submit") this.stats.submits++;
    else if (call === "status") this.stats.statusCalls++;
    else this.stats.fileRequests++;
  }

  answered(call: EmulatedCall, request: Request, response: Response): void {
    if (this.requests.length >= MAX_RECORDED_REQUESTS) this.requests.splice(0, MAX_RECORDED_REQUESTS / 2);
    this.requests.push({
      call,
      method: request.method,
      url: request.url,
      authorization: request.headers.get("authorization"),
      status: response.type === "error" ? 0 : response.status,
      at: Date.now(),
    });
  }

  delivered(delivery: CallbackDelivery): void {
    this.deliveries.push(delivery);
    this.stats.callbackAttempts++;
    if (delivery.status === 200) this.stats.callbacksDelivered++;
  }

  reset(): void {
    this.requests = [];
    this.deliveries = [];
    Object.assign(this.stats, emptyCounters());
  }
}

function emptyCounters(): Counters {
  return {
    submits: 0,
    tasksCreated: 0,
    statusCalls: 0,
    fileRequests: 0,
    rateLimited: 0,
    faultsInjected: 0,
    peakActiveTasks: 0,
    callbackAttempts: 0,
    callbacksDelivered: 0,
  };
}
