import type { Scenario } from "./directives.js";

/** Options every emulator takes. */
export interface EmulatorOptions {
  /** Where the emulated API lives; defaults to the vendor's documented base URL (msw intercepts it). */
  baseUrl?: string;
  /** Where result images are served; defaults to `/emulator-files/<vendor>` on the API's origin. */
  filesUrl?: string;
  /** The one API key the emulator accepts; any other, or none, gets the vendor's 401. */
  apiKey?: string;
  /**
   * Multiplies every emulated duration: task latencies, callback redelivery delays, result URL lifetimes.
   * `1` is the vendor's documented pace; `0.001` turns a 20 s task into 20 ms.
   */
  timeScale?: number;
  /** Emulated time from submit to the end of every task, in ms, instead of the documented typical latency. */
  durationMs?: number;
  /** Seeds task latencies, so two runs with one seed agree. Task ids are random: they never repeat across runs. */
  seed?: number;
  /** What every task does unless its prompt's `[emulator: …]` marker says otherwise, e.g. `{ fail: "TIMEOUT" }`. */
  scenario?: Scenario;
  /** The fetch used to deliver callbacks; defaults to the global one at delivery time (so msw sees it). */
  fetch?: typeof fetch;
}

/** The key the emulators accept unless told otherwise. */
export const EMULATOR_API_KEY = "emulator-key";

/** Quotas the vendor enforces with HTTP 429. Counted in real time, whatever the time scale. */
export interface EmulatorLimits {
  /** Requests per sliding 60-second window, all endpoints together. */
  requestsPerMinute: number;
  /** Tasks submitted and not yet finished. */
  concurrentTasks: number;
}

export function checkEmulatorOptions(options: EmulatorOptions): void {
  const { timeScale, durationMs } = options;
  if (timeScale !== undefined && !(Number.isFinite(timeScale) && timeScale >= 0)) {
    throw new RangeError(`timeScale must be a finite number ≥ 0, got ${timeScale}`);
  }
  if (durationMs !== undefined && !(Number.isFinite(durationMs) && durationMs >= 0)) {
    throw new RangeError(`durationMs must be a finite number ≥ 0, got ${durationMs}`);
  }
  for (const key of ["baseUrl", "filesUrl"] as const) {
    const value = options[key];
    if (value !== undefined && !URL.canParse(value)) throw new TypeError(`${key} must be an absolute URL`);
  }
}
