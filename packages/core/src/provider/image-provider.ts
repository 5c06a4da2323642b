import type { ModelCapabilities, ProviderLimits } from "../model/capabilities.js";
import type { AspectRatio, GenerationMode, OutputFormat, Resolution } from "../model/image-options.js";
import type { Logger } from "../model/logger.js";
import type { TaskHandle, TaskStatus, VendorFields } from "../model/task.js";

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

/** Per-call context from the client. The signal carries the caller's abort and the per-request timeout. */
export interface ProviderContext {
  signal: AbortSignal;
  logger: Logger;
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
 *
 * The type parameters only serve the client's types: `ModelId` is the union of the ids in `models`, and
 * `Options` the shape of this adapter's entry in a request's `providerOptions`. An adapter factory states
 * them in its return type (`ImageProvider<"nano-banana" | "nano-banana-pro", ApixoProviderOptions>`), so
 * `model: "apixo:nano-banana"` autocompletes and a typo does not compile.
 */
export interface ImageProvider<ModelId extends string = string, Options extends object = object> {
  readonly id: string;
  /** Every model a request can name. An id not listed is a `ValidationError`: nothing is sent. */
  readonly models: Readonly<Record<ModelId, ModelCapabilities>>;
  /**
   * How a user reaches a model the adapter does not list, if it can (a sentence added to the error for an
   * unknown model), e.g. `To use another APIXO model, declare it: apixo({ passThrough: ["flux-2"] }).`
   */
  readonly unlistedModels?: string | undefined;
  readonly limits?: ProviderLimits | undefined;
  /** Creates the task with exactly one HTTP call. */
  submit(request: ProviderRequest, ctx: ProviderContext): Promise<ProviderSubmission>;
  /** One status check of a task with exactly one HTTP call; the handle is the one the client built. */
  getStatus(handle: TaskHandle, ctx: ProviderContext): Promise<TaskStatus>;
  /** Reads a webhook delivery with the same normaliser as `getStatus`. */
  parseCallback(body: unknown, headers: Headers): TaskStatus;
  /** Type only, never set: the shape of this adapter's entry in `providerOptions`. */
  readonly "~providerOptions"?: Options | undefined;
}
