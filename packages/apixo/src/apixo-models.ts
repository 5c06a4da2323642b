import {
  type AspectRatio,
  type ModelCapabilities,
  type ProviderLimits,
  ASPECT_RATIOS as UNIFIED_ASPECT_RATIOS,
  ValidationError,
} from "@org/imagegen-core";

const DAY_MS = 86_400_000;

/**
 * A task running past its typical latency is polled less often, but never less than every 5 s: the pages say
 * "poll every 3 seconds", and a task that is late is usually only a little late.
 */
const OVERRUN_INTERVAL_CAP_MS = 5_000;

/** Both model pages list every aspect ratio the unified interface knows, `auto` included. */
const ASPECT_RATIOS: readonly AspectRatio[] = UNIFIED_ASPECT_RATIOS;

/** What the APIXO model pages document, one entry per model id. */
export const apixoModels = {
  "nano-banana": {
    modes: ["text-to-image", "image-to-image"],
    promptLength: { min: 1, max: 5_000 },
    maxReferenceImages: 5,
    aspectRatios: ASPECT_RATIOS,
    resolutions: undefined,
    outputFormats: ["png", "jpeg"],
    latencyMs: { min: 15_000, max: 20_000 },
    // The page advises "wait 10 seconds, then poll every 3 seconds". We keep its interval; the first poll comes
    // from the latency (one interval after 15 s), which finds the same tasks done with fewer calls (bench/).
    poll: { intervalMs: 3_000, maxIntervalMs: OVERRUN_INTERVAL_CAP_MS },
    pricePerImageUsd: 0.03,
    resultTtlMs: DAY_MS,
  },
  "nano-banana-pro": {
    modes: ["text-to-image", "image-to-image"],
    // The page gives no prompt limit; nano-banana's is assumed.
    promptLength: { min: 1, max: 5_000 },
    maxReferenceImages: 10,
    aspectRatios: ASPECT_RATIOS,
    resolutions: ["1K", "2K", "4K"],
    outputFormats: ["png", "jpeg"],
    latencyMs: {
      min: 20_000,
      max: 30_000,
      byResolution: {
        "1K": { min: 20_000, max: 30_000 },
        "2K": { min: 30_000, max: 45_000 },
        "4K": { min: 45_000, max: 60_000 },
      },
    },
    // The page says "wait 20 seconds, then poll every 3 seconds" for 1K; the first poll comes at the low end
    // of the requested resolution's latency (20, 30 or 45 s), so a 4K task is not polled a dozen times early.
    poll: { intervalMs: 3_000, maxIntervalMs: OVERRUN_INTERVAL_CAP_MS },
    resultTtlMs: 15 * DAY_MS,
  },
} as const satisfies Record<string, ModelCapabilities>;

export type ApixoModelId = keyof typeof apixoModels;

/**
 * A declared pass-through model (flux-2, sora-2, midjourney, …): its fields go in `providerOptions.apixo.input`,
 * so the unified aspect ratio, resolution and format are dropped with a warning rather than guessed at.
 */
export const apixoPassThroughModel: ModelCapabilities = {
  modes: ["text-to-image", "image-to-image"],
  promptLength: { min: 1, max: 100_000 },
  maxReferenceImages: 100,
  aspectRatios: undefined,
  resolutions: undefined,
  outputFormats: undefined,
  latencyMs: { min: 10_000, max: 60_000 },
  poll: { intervalMs: 3_000, maxIntervalMs: OVERRUN_INTERVAL_CAP_MS },
};

/** A model id as it goes into the path of both endpoints: no separators, no `.` or `..` segment. */
const MODEL_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * The model table of one adapter: the documented models, and the pass-through ids the user declared, each with
 * the pass-through capabilities. An id that could not be a model's is a `ValidationError` at start-up.
 */
export function apixoModelTable<PassThrough extends string>(
  passThrough: readonly PassThrough[],
): Record<ApixoModelId | PassThrough, ModelCapabilities> {
  const invalid = passThrough.filter((id) => typeof id !== "string" || !MODEL_ID.test(id));
  if (invalid.length > 0) {
    throw new ValidationError(
      `apixo({ passThrough }) takes APIXO model ids (letters, digits, ".", "_" and "-"), such as "flux-2"; ` +
        `got ${invalid.map((id) => JSON.stringify(id)).join(", ")}.`,
      {
        provider: "apixo",
        issues: invalid.map((id) => ({
          path: "passThrough",
          message: `${JSON.stringify(id)} is not a model id`,
        })),
      },
    );
  }
  const declared = Object.fromEntries(passThrough.map((id) => [id, apixoPassThroughModel]));
  return { ...declared, ...apixoModels } as Record<ApixoModelId | PassThrough, ModelCapabilities>;
}

/** The quotas on the nano-banana-pro page; the client queues to stay under them. */
export const APIXO_LIMITS: ProviderLimits = { requestsPerMinute: 10_000, concurrentTasks: 1_000 };

/** How long a model's result URLs stay valid; `undefined` for pass-through models, whose pages we do not know. */
export function resultTtlMs(model: string): number | undefined {
  return Object.hasOwn(apixoModels, model) ? apixoModels[model as ApixoModelId].resultTtlMs : undefined;
}
