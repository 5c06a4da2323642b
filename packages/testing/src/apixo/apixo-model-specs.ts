const DAY_MS = 86_400_000;

/** What the APIXO model pages document, as the emulator enforces it. */
export interface ApixoModelSpec {
  /** Accepted `resolution` values; undefined when the model has no such field. */
  readonly resolutions: readonly string[] | undefined;
  readonly maxReferenceImages: number;
  /** Typical generation time for a resolution (the emulator draws each task's latency from this range). */
  readonly latencyMs: (resolution: string | undefined) => { min: number; max: number };
  readonly resultTtlMs: number;
}

export const APIXO_ASPECT_RATIOS = [
  "1:1",
  "4:3",
  "3:4",
  "3:2",
  "2:3",
  "4:5",
  "5:4",
  "9:16",
  "16:9",
  "21:9",
  "auto",
] as const;

export const APIXO_MODES = ["text-to-image", "image-to-image"] as const;
export const APIXO_OUTPUT_FORMATS = ["png", "jpeg"] as const;
export const APIXO_ROUTES = ["auto", "value", "official"] as const;
export const APIXO_MAX_PROMPT = 5000;

const PRO_LATENCY: Readonly<Record<string, { min: number; max: number }>> = {
  "1K": { min: 20_000, max: 30_000 },
  "2K": { min: 30_000, max: 45_000 },
  "4K": { min: 45_000, max: 60_000 },
};

export const APIXO_MODELS: Readonly<Record<string, ApixoModelSpec>> = {
  "nano-banana": {
    resolutions: undefined,
    maxReferenceImages: 5,
    latencyMs: () => ({ min: 15_000, max: 20_000 }),
    resultTtlMs: DAY_MS,
  },
  "nano-banana-pro": {
    resolutions: ["1K", "2K", "4K"],
    maxReferenceImages: 10,
    latencyMs: (resolution) => PRO_LATENCY[resolution ?? "1K"] ?? { min: 20_000, max: 30_000 },
    resultTtlMs: 15 * DAY_MS,
  },
};

/** Other model ids (flux-2, sora-2, …) have their own `input`; the emulator accepts any object for them. */
export const PASS_THROUGH_MODEL: ApixoModelSpec = {
  resolutions: undefined,
  maxReferenceImages: Number.POSITIVE_INFINITY,
  latencyMs: () => ({ min: 15_000, max: 20_000 }),
  resultTtlMs: DAY_MS,
};
