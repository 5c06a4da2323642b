// @org/imagegen-ai-sdk: our configured models as Vercel AI SDK image models.

export type { ImagegenCallOptions } from "./imagegen-call-options.js";
export type {
  ImagegenGenerateResult,
  ImagegenImageMetadata,
  ImagegenSettings,
} from "./imagegen-image-model.js";
export { type ImagegenImageModelV3, type ImagegenProvider, imagegen } from "./imagegen-provider.js";
export { submittedHandles } from "./submitted-handles.js";
