import type { AspectRatio, GenerationMode, OutputFormat, Resolution } from "./image-options.js";
import type { PollOptions } from "./poll-options.js";
import type { LatencyRange } from "./task.js";

/** What one model can take and how long it usually takes; adapters publish one per model. */
export interface ModelCapabilities {
  modes: readonly GenerationMode[];
  promptLength: { min: number; max: number };
  /** Most reference images an image-to-image request may carry (0: text-to-image only). */
  maxReferenceImages: number;
  /** `undefined`: the vendor has no such option for this model, so it is left out with a warning (a `ValidationError` when strict). */
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

/** Documented vendor limits; the client queues requests to stay under them. */
export interface ProviderLimits {
  requestsPerMinute?: number | undefined;
  concurrentTasks?: number | undefined;
}
