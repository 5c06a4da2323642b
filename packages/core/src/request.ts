import * as z from "zod";

/** Every aspect ratio the unified interface knows; a model's capability table says which it accepts. */
export const ASPECT_RATIOS = [
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
export const RESOLUTIONS = ["1K", "2K", "4K"] as const;
export const OUTPUT_FORMATS = ["png", "jpeg"] as const;
export const GENERATION_MODES = ["text-to-image", "image-to-image"] as const;

export type AspectRatio = (typeof ASPECT_RATIOS)[number];
export type Resolution = (typeof RESOLUTIONS)[number];
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
export type GenerationMode = (typeof GENERATION_MODES)[number];

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });

/** The unified request: what to generate, independent of the vendor. Unknown fields are rejected. */
export const imageRequestSchema = z.strictObject({
  /** `"provider:modelId"`; the client's `defaultModel` when omitted. */
  model: z
    .string()
    .regex(/^[^:\s]+:[^\s]+$/, { error: 'must look like "provider:modelId", e.g. "apixo:nano-banana"' })
    .optional(),
  prompt: z.string().refine((prompt) => prompt.trim().length > 0, { error: "must not be empty" }),
  aspectRatio: z.enum(ASPECT_RATIOS).optional(),
  resolution: z.enum(RESOLUTIONS).optional(),
  outputFormat: z.enum(OUTPUT_FORMATS).optional(),
  /** Reference images as public URLs; present means image-to-image. */
  referenceImages: z.array(httpUrl).optional(),
  /** Vendor-specific options, keyed by provider name: `{ apixo: { route: "official" } }`. */
  providerOptions: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
});

export type ImageRequest = z.input<typeof imageRequestSchema>;
