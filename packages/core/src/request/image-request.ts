import * as z from "zod/mini";
import {
  ASPECT_RATIOS,
  type AspectRatio,
  OUTPUT_FORMATS,
  type OutputFormat,
  RESOLUTIONS,
  type Resolution,
} from "../model/image-options.js";
import { type ReferenceImage, referenceImageSchema } from "./reference-images.js";

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
