import { type ProviderRequest, parseProviderOptions } from "@org/imagegen-core/provider";
import { apixoModels } from "./apixo-models.js";
import { apixoOptionsSchema } from "./apixo-wire.js";

/** The `generateTask` body, as the reference documents it. */
interface ApixoSubmitBody {
  request_type: "async" | "callback";
  callback_url?: string;
  provider?: "auto" | "value" | "official";
  input: Record<string, unknown>;
}

/**
 * Maps a checked unified request to the submit body. Known models get the documented `input` fields (mode from
 * the reference images); other models get the prompt and references, with `providerOptions.apixo.input` merged
 * over them so the caller can send whatever that model's page asks for. Throws `ValidationError` (nothing sent)
 * for options APIXO does not have.
 */
export function toSubmitBody(request: ProviderRequest, provider: string): ApixoSubmitBody {
  const options = parseProviderOptions(apixoOptionsSchema, request.providerOptions, provider);
  const references = request.referenceImages.length > 0 ? { image_urls: [...request.referenceImages] } : {};
  const mapped = Object.hasOwn(apixoModels, request.model)
    ? {
        mode: request.mode,
        prompt: request.prompt,
        ...references,
        ...defined({
          aspect_ratio: request.aspectRatio,
          resolution: request.resolution,
          output_format: request.outputFormat,
        }),
      }
    : { prompt: request.prompt, ...references };
  return {
    request_type: request.callbackUrl === undefined ? "async" : "callback",
    ...defined({ callback_url: request.callbackUrl, provider: options.route }),
    input: { ...mapped, ...options.input },
  };
}

/** The entries whose value is not `undefined`, so an option left out is left out of the wire too. */
function defined<T extends Record<string, unknown>>(
  fields: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
