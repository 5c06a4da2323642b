import type { PollOptions } from "../lifecycle/poll-schedule.js";
import type { LatencyRange, TaskHandle, TaskStatus, VendorFields } from "../lifecycle/task.js";
import type { AspectRatio, GenerationMode, OutputFormat, Resolution } from "../request/image-request.js";

/** What one model can take and how long it usually takes; adapters publish one per model. */
export interface ModelCapabilities {
  modes: readonly GenerationMode[];
  promptLength: { min: number; max: number };
  /** Most reference images an image-to-image request may carry (0: text-to-image only). */
  maxReferenceImages: number;
  /** `undefined`: the vendor has no such option for this model, so it is dropped with a warning. */
  aspectRatios: readonly AspectRatio[] | undefined;
  resolutions: readonly Resolution[] | undefined;
  outputFormats: readonly OutputFormat[] | undefined;
  /** Typical time from submit to result, with per-resolution ranges where they differ. */
  latencyMs: LatencyRange & { byResolution?: Partial<Record<Resolution, LatencyRange>> | undefined };
  /** The vendor's documented poll advice; anything left out is derived from `latencyMs`. */
  poll?: PollOptions | undefined;
  pricePerImageUsd?: number | undefined;
  /** How long result URLs stay valid. */
  resultTtlMs?: number | undefined;
}

/** The request an adapter receives: validated, mapped to the model, every field present. */
export interface ProviderRequest {
  model: string;
  mode: GenerationMode;
  prompt: string;
  aspectRatio: AspectRatio | undefined;
  resolution: Resolution | undefined;
  outputFormat: OutputFormat | undefined;
  referenceImages: readonly string[];
  /** This provider's own entry of `providerOptions`. */
  providerOptions: Readonly<Record<string, unknown>> | undefined;
  /** Set when the client runs in callback mode: the URL the vendor should POST the result to. */
  callbackUrl: string | undefined;
}

/** Where log lines go; pass `console` or any structured logger. Every method is optional. */
export interface Logger {
  debug?(message: string, fields?: Record<string, unknown>): void;
  info?(message: string, fields?: Record<string, unknown>): void;
  warn?(message: string, fields?: Record<string, unknown>): void;
  error?(message: string, fields?: Record<string, unknown>): void;
}

/** Per-call context from the client. The signal carries the caller's abort and the per-request timeout. */
export interface ProviderContext {
  signal: AbortSignal;
  logger: Logger;
}

/** Documented vendor limits; the client queues requests to stay under them. */
export interface ProviderLimits {
  requestsPerMinute?: number | undefined;
  concurrentTasks?: number | undefined;
}

/**
 * What a submit returns: the vendor's task id, plus any vendor fields the status call needs later. The client
 * builds the `TaskHandle` from it (provider, model, submit time, expected latency) and keeps `vendor` in it.
 */
export interface ProviderSubmission {
  taskId: string;
  /** Plain values the status call needs besides the task id (never a secret); stored in `handle.vendor`. */
  vendor?: VendorFields | undefined;
}

/**
 * The contract an adapter implements (the SPI). Each method makes at most one HTTP call and never
 * loops, sleeps or retries: the client owns every loop, timer and retry.
 */
export interface ImageProvider {
  readonly id: string;
  readonly models: Readonly<Record<string, ModelCapabilities>>;
  /** Capabilities assumed for model ids not in `models`; without it an unknown id is a `ValidationError`. */
  readonly passThroughModel?: ModelCapabilities | undefined;
  readonly limits?: ProviderLimits | undefined;
  /** Creates the task with exactly one HTTP call. */
  submit(request: ProviderRequest, ctx: ProviderContext): Promise<ProviderSubmission>;
  /** One status check of a task with exactly one HTTP call; the handle is the one the client built. */
  getStatus(handle: TaskHandle, ctx: ProviderContext): Promise<TaskStatus>;
  /** Reads a webhook delivery with the same normaliser as `getStatus`. */
  parseCallback(body: unknown, headers: Headers): TaskStatus;
}
