import { type ProviderRequest, parseProviderOptions } from "@org/imagegen-core/provider";
import { xingchaoyiqingOptionsSchema } from "./xingchaoyiqing-wire.js";

/** The create body, as the reference documents it. */
interface XingchaoyiqingCreateBody {
  model: string;
  prompt: string;
  /** Lower case: `1k`, `2k`, `4k`. */
  resolution?: string;
  /** The aspect ratio, under the platform's field name. */
  size?: string;
  image_urls?: string[];
  [extra: string]: unknown;
}

/**
 * Maps a checked unified request to the create body: `"2K"` → `"2k"`, the aspect ratio → `size`, the references
 * → `image_urls`. Options left unset are left out (the vendor's defaults apply). `providerOptions.xingchaoyiqing`
 * takes only `body`, merged over the result; anything else is a `ValidationError`, and nothing is sent.
 */
export function toCreateBody(request: ProviderRequest, provider: string): XingchaoyiqingCreateBody {
  const options = parseProviderOptions(xingchaoyiqingOptionsSchema, request.providerOptions, provider);
  const body: XingchaoyiqingCreateBody = { model: request.model, prompt: request.prompt };
  if (request.resolution !== undefined) body.resolution = request.resolution.toLowerCase();
  if (request.aspectRatio !== undefined) body.size = request.aspectRatio;
  if (request.referenceImages.length > 0) body.image_urls = [...request.referenceImages];
  return { ...body, ...options.body };
}
