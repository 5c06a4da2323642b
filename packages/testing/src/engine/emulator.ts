import type { RequestHandler } from "msw";
import type { CallbackDelivery } from "./callback-delivery.js";
import type { EmulatorClientOptions, EmulatorProviderSettings } from "./client-options.js";
import type { Scenario } from "./directives.js";
import type { EmulatedCall, Fault } from "./fault.js";

/** One request the emulator answered. */
export interface RecordedRequest {
  readonly call: EmulatedCall | "other";
  readonly method: string;
  readonly url: string;
  /** The Authorization header as received, so a test can prove a key never reached the file host. */
  readonly authorization: string | null;
  /** The HTTP status sent; 0 for a dropped connection. */
  readonly status: number;
  readonly at: number;
}

/** Counters over the emulator's life (or since the last `reset()`). */
export interface EmulatorStats {
  /** Submit requests received, whatever their answer. */
  readonly submits: number;
  /** Tasks created: a submit that failed before taking effect creates none. */
  readonly tasksCreated: number;
  readonly statusCalls: number;
  readonly fileRequests: number;
  /** 429 answers sent because a quota was exceeded (injected 429s are not counted here). */
  readonly rateLimited: number;
  readonly faultsInjected: number;
  /** The most tasks that were unfinished at one time. */
  readonly peakActiveTasks: number;
  readonly callbackAttempts: number;
  /** Callback deliveries the receiver answered with 200. */
  readonly callbacksDelivered: number;
}

/** What an emulated task looks like from outside, for assertions. */
export interface EmulatedTaskView {
  readonly id: string;
  readonly model: string;
  readonly createdAt: number;
  /** The vendor's state name right now. */
  readonly state: string;
  /** When the task ends; undefined if it never does. */
  readonly completedAt: number | undefined;
  /** The submit body as received. */
  readonly request: unknown;
  /** Where its images are served, once it has succeeded. */
  readonly imageUrls: readonly string[];
}

export interface InjectOptions {
  /** How many consecutive matching calls the fault spoils; default 1. */
  times?: number;
  /** Spoil only the calls about this task (status and file calls). */
  taskId?: string;
}

/** A running emulator of one vendor: its msw handlers and the controls a test needs. */
export interface Emulator {
  /** The registered vendor id, e.g. `"apixo"`. */
  readonly vendor: string;
  /** The API base URL to give the adapter (`apixo({ baseUrl })`). */
  readonly baseUrl: string;
  readonly filesUrl: string;
  /** The key it accepts. */
  readonly apiKey: string;
  /** `{ baseUrl, apiKey }`: the adapter's settings for this emulator, `apixo(emulator.providerSettings)`. */
  readonly providerSettings: EmulatorProviderSettings;
  /** `{ poll: { timeScale } }`: spread into `createImageClient` so the client polls at this emulator's pace. */
  readonly clientOptions: EmulatorClientOptions;
  /** For `setupServer(...emulator.handlers)`. */
  readonly handlers: readonly RequestHandler[];
  /** Spoil the next `times` calls of a kind. */
  inject(call: EmulatedCall, fault: Fault, options?: InjectOptions): void;
  /** Change what new tasks do unless their prompt marker says otherwise; `{}` restores the normal walk. */
  setScenario(scenario: Scenario): void;
  task(id: string): EmulatedTaskView | undefined;
  tasks(): EmulatedTaskView[];
  /** The requests answered, oldest first (a long-running emulator keeps the newest 50,000–100,000). */
  readonly requests: readonly RecordedRequest[];
  readonly deliveries: readonly CallbackDelivery[];
  stats(): EmulatorStats;
  /** Forget every task, fault, record and pending callback, and go back to the scenario given at creation. */
  reset(): void;
  /** Cancel pending callback deliveries; the emulator answers no more callbacks. */
  close(): void;
}
