import type { TaskDirectives } from "./directives.js";
import type { EmulatorLimits } from "./emulator-options.js";
import type { ErrorWording, Fault } from "./fault.js";
import type { ImageSpec } from "./image-render.js";
import type { StateNames } from "./task-script.js";
import type { Timeline } from "./timeline.js";

/** A task as the engine keeps it; the vendor module turns it into wire shapes. */
export interface EngineTask {
  readonly id: string;
  readonly model: string;
  readonly createdAt: number;
  readonly timeline: Timeline;
  /** The fail code and message, for a task whose last state is the failed one. */
  readonly failure: { code: string; message: string } | undefined;
  readonly images: readonly ImageSpec[];
  readonly result: TaskDirectives["result"];
  readonly imageFault: Fault | undefined;
  /** How long result URLs live after completion (already scaled). */
  readonly resultTtlMs: number;
  readonly request: unknown;
}

export interface NewTask {
  id: string;
  model: string;
  /** Emulated latency range before scaling; a directive or the `durationMs` option overrides it. */
  latencyMs: { min: number; max: number };
  states: readonly string[];
  failure: EngineTask["failure"];
  images: readonly ImageSpec[];
  directives: TaskDirectives;
  resultTtlMs: number;
  request: unknown;
  callback?: { url: string; payload: (task: EngineTask) => unknown };
}

export interface VendorProfile {
  readonly vendor: string;
  readonly baseUrl: string;
  readonly wording: ErrorWording;
  readonly states: StateNames;
  readonly limits: EmulatorLimits | undefined;
}
