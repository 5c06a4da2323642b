import * as z from "zod/mini";
import { type ReferenceImage, referenceImageSchema } from "./reference-images.js";

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

/** The unified request: what to generate, independent of the vendor. Unknown fields are rejected. */
export const imageRequestSchema = z.strictObject({
  /** `"provider:modelId"`; the client's `defaultModel` when omitted. Its form is checked against the configured ids. */
  model: z.optional(z.string()),
  prompt: z.string().check(z.refine((prompt) => prompt.trim().length > 0, { error: "must not be empty" })),
  aspectRatio: z.optional(z.enum(ASPECT_RATIOS)),
  resolution: z.optional(z.enum(RESOLUTIONS)),
  outputFormat: z.optional(z.enum(OUTPUT_FORMATS)),
  /**
   * Reference images; present means image-to-image. Public http(s) URLs go to the vendor as they are; bytes
   * (a `data:` URL, `Blob`, `Uint8Array` or `{ data, mediaType }`) are uploaded by the client's `upload` hook.
   */
  referenceImages: z.optional(z.array(referenceImageSchema)),
  /** Vendor-specific options, keyed by provider name: `{ apixo: { route: "official" } }`. */
  providerOptions: z.optional(z.record(z.string(), z.record(z.string(), z.unknown()))),
});

/**
 * The unified request: what to generate, independent of the vendor. A client narrows `ModelId` to its
 * configured ids and `Options` to its adapters' options; `GenerateRequest<typeof providers>` is that type.
 */
export interface ImageRequest<
  ModelId extends string = string,
  Options extends object = Readonly<Record<string, Readonly<Record<string, unknown>>>>,
> {
  /** `"provider:modelId"`; the client's `defaultModel` when omitted. */
  model?: ModelId | undefined;
  prompt: string;
  aspectRatio?: AspectRatio | undefined;
  resolution?: Resolution | undefined;
  outputFormat?: OutputFormat | undefined;
  /**
   * Reference images; present means image-to-image. Public http(s) URLs go to the vendor as they are; bytes
   * (a `data:` URL, `Blob`, `Uint8Array` or `{ data, mediaType }`) are uploaded by the client's `upload` hook.
   */
  referenceImages?: readonly ReferenceImage[] | undefined;
  /** Vendor-specific options, keyed by provider name: `{ apixo: { route: "official" } }`. */
  providerOptions?: Options | undefined;
}
