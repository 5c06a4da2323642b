import {
  ASPECT_RATIOS,
  type AspectRatio,
  type LatencyRange,
  type ModelCapabilities,
  type Resolution,
} from "@org/imagegen-core";

/** The reference's ten (its `size` field): every unified aspect ratio but `auto`. */
const SIZES: readonly AspectRatio[] = ASPECT_RATIOS.filter((ratio) => ratio !== "auto");

// The reference documents no latencies; those APIXO documents for the same underlying models are assumed.
const BASE: LatencyRange = { min: 15_000, max: 20_000 };
const PRO_1K: LatencyRange = { min: 20_000, max: 30_000 };
const PRO_BY_RESOLUTION: Partial<Record<Resolution, LatencyRange>> = {
  "1K": PRO_1K,
  "2K": { min: 30_000, max: 45_000 },
  "4K": { min: 45_000, max: 60_000 },
};

function model(
  resolutions: readonly Resolution[],
  latencyMs: ModelCapabilities["latencyMs"],
): ModelCapabilities {
  return {
    modes: ["text-to-image", "image-to-image"],
    // Not documented; APIXO's limit for the same models is assumed.
    promptLength: { min: 1, max: 5_000 },
    maxReferenceImages: 6,
    aspectRatios: SIZES,
    resolutions,
    // No output-format field exists: `outputFormat` is dropped with a warning.
    outputFormats: undefined,
    latencyMs,
    // "Poll every 2–5 s": every 3 s, and no slower than 5 s even for a task running long.
    poll: { intervalMs: 3_000, maxIntervalMs: 5_000 },
    resultTtlMs: 86_400_000,
  };
}

/** The five models of the reference: `1k` for all, `2k` and `4k` only for the two pro models. */
export const xingchaoyiqingModels = {
  "nano-banana": model(["1K"], BASE),
  "nano-banana-2": model(["1K"], PRO_1K),
  "nano-banana-pro": model(["1K", "2K", "4K"], { ...PRO_1K, byResolution: PRO_BY_RESOLUTION }),
  "nano-banana-2-stable": model(["1K"], PRO_1K),
  "nano-banana-pro-stable": model(["1K", "2K", "4K"], { ...PRO_1K, byResolution: PRO_BY_RESOLUTION }),
} satisfies Record<string, ModelCapabilities>;

export type XingchaoyiqingModelId = keyof typeof xingchaoyiqingModels;
