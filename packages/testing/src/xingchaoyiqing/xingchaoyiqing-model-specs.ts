const DAY_MS = 86_400_000;

export const XINGCHAOYIQING_ASPECT_RATIOS = [
  "1:1",
  "16:9",
  "9:16",
  "4:3",
  "3:4",
  "3:2",
  "2:3",
  "5:4",
  "4:5",
  "21:9",
] as const;

export const XINGCHAOYIQING_MAX_REFERENCES = 6;
/** "Result URLs expire after about 24 h." */
export const XINGCHAOYIQING_RESULT_TTL_MS = DAY_MS;

type Latency = { min: number; max: number };

const BASE: Latency = { min: 15_000, max: 20_000 };
const PRO_BY_RESOLUTION: Readonly<Record<string, Latency>> = {
  "1k": { min: 20_000, max: 30_000 },
  "2k": { min: 30_000, max: 45_000 },
  "4k": { min: 45_000, max: 60_000 },
};

/**
 * The five models, the resolutions each accepts and a typical latency. The vendor documents no latencies;
 * the emulator assumes APIXO's for the same underlying models (nano-banana-2 like pro at 1K).
 */
export const XINGCHAOYIQING_MODELS: Readonly<
  Record<string, { resolutions: readonly string[]; latencyMs: (resolution: string) => Latency }>
> = {
  "nano-banana": { resolutions: ["1k"], latencyMs: () => BASE },
  "nano-banana-2": { resolutions: ["1k"], latencyMs: () => PRO_BY_RESOLUTION["1k"] ?? BASE },
  "nano-banana-pro": { resolutions: ["1k", "2k", "4k"], latencyMs: (r) => PRO_BY_RESOLUTION[r] ?? BASE },
  "nano-banana-2-stable": { resolutions: ["1k"], latencyMs: () => PRO_BY_RESOLUTION["1k"] ?? BASE },
  "nano-banana-pro-stable": {
    resolutions: ["1k", "2k", "4k"],
    latencyMs: (r) => PRO_BY_RESOLUTION[r] ?? BASE,
  },
};
