import type { ImageModelV4, ImageModelV4CallOptions } from "@ai-sdk/provider";
import type { ImageClient } from "@org/imagegen-core";
import {
  type ImagegenGenerateResult,
  ImagegenImageModel,
  type ImagegenSettings,
} from "./imagegen-image-model.js";

/**
 * An image model in the shape of spec v3, for `generateImage` of `ai` 6. Written out here rather than taken
 * from `@ai-sdk/provider` 4, whose `ImageModelV3` has JSON types that `ai` 6's own copy does not accept.
 */
export interface ImagegenImageModelV3 {
  readonly specificationVersion: "v3";
  readonly provider: string;
  readonly modelId: string;
  readonly maxImagesPerCall: number;
  doGenerate(options: ImageModelV4CallOptions): PromiseLike<ImagegenGenerateResult>;
}

/** The client's models as AI SDK image models, by `"provider:modelId"` as the client takes them. */
export interface ImagegenProvider {
  /** An image model for `generateImage` of `ai` 7 (spec `ImageModelV4`), e.g. `image("apixo:nano-banana")`. */
  image(modelId: string): ImageModelV4;
  /** The same as `image`, under the AI SDK providers' method name. */
  imageModel(modelId: string): ImageModelV4;
  /** The same model in the `ImageModelV3` shape, for `generateImage` of `ai` 6. */
  imageV3(modelId: string): ImagegenImageModelV3;
}

/**
 * Exposes a configured client's models to the Vercel AI SDK: `generateImage({ model:
 * imagegen(client).image("apixo:nano-banana"), prompt })`. The client's options (limits, retries, polling,
 * `upload` for image inputs) apply to every call; swapping the vendor is swapping the model id.
 */
export function imagegen(client: ImageClient, settings: ImagegenSettings = {}): ImagegenProvider {
  const image = (modelId: string) => new ImagegenImageModel(client, modelId, settings);
  return {
    image,
    imageModel: image,
    imageV3(modelId) {
      const model = image(modelId);
      return {
        specificationVersion: "v3",
        provider: model.provider,
        modelId: model.modelId,
        maxImagesPerCall: model.maxImagesPerCall,
        // The call options of v3 and v4 are the same; our v4 result is a v3 result with `isRetryable`.
        doGenerate: (options) => model.doGenerate(options),
      };
    },
  };
}
