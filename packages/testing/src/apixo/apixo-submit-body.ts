import {
  BadRequest,
  isHttpUrl,
  isObject,
  type JsonObject,
  optionalOneOf,
  optionalUrls,
  rejectUnknownFields,
  requiredString,
} from "../engine/wire-check.js";
import {
  APIXO_ASPECT_RATIOS,
  APIXO_MAX_PROMPT,
  APIXO_MODES,
  APIXO_OUTPUT_FORMATS,
  APIXO_ROUTES,
  type ApixoModelSpec,
} from "./apixo-model-specs.js";

/** A submit body the emulator accepted, with what it needs to render the result. */
export interface ApixoSubmit {
  readonly callbackUrl: string | undefined;
  readonly prompt: string;
  readonly imageUrls: readonly string[];
  readonly aspectRatio: string | undefined;
  readonly resolution: string | undefined;
  readonly outputFormat: "png" | "jpeg";
}

const BODY_FIELDS = ["request_type", "callback_url", "provider", "input"];
const INPUT_FIELDS = ["mode", "prompt", "image_urls", "aspect_ratio", "resolution", "output_format"];

/**
 * Checks a `generateTask` body as the vendor would, throwing BadRequest. A known model is held to its page;
 * another model id (`model` undefined) takes any `input` object (pass-through), read for what the emulator can use.
 */
export function readApixoSubmit(body: JsonObject, model: ApixoModelSpec | undefined): ApixoSubmit {
  rejectUnknownFields(body, BODY_FIELDS, "the request body");
  const requestType = optionalOneOf(body, "request_type", ["async", "callback"] as const) ?? "async";
  const callbackUrl = body.callback_url;
  if (requestType === "callback" && (typeof callbackUrl !== "string" || !isHttpUrl(callbackUrl))) {
    throw new BadRequest("callback_url is required when request_type is callback");
  }
  optionalOneOf(body, "provider", APIXO_ROUTES);
  const input = body.input;
  if (!isObject(input)) throw new BadRequest("input is required");
  return {
    callbackUrl: requestType === "callback" ? (callbackUrl as string) : undefined,
    ...(model ? readKnownInput(input, model) : readPassThroughInput(input)),
  };
}

type ApixoInput = Omit<ApixoSubmit, "callbackUrl">;

function readKnownInput(input: JsonObject, model: ApixoModelSpec): ApixoInput {
  rejectUnknownFields(input, INPUT_FIELDS, "input");
  const mode = optionalOneOf(input, "mode", APIXO_MODES);
  if (mode === undefined) throw new BadRequest(`mode is required: ${APIXO_MODES.join(" or ")}`);
  const prompt = requiredString(input, "prompt", APIXO_MAX_PROMPT);
  const imageUrls = optionalUrls(input, "image_urls", model.maxReferenceImages);
  if (mode === "image-to-image" && imageUrls.length === 0) {
    throw new BadRequest("image_urls is required in image-to-image mode");
  }
  if (mode === "text-to-image" && imageUrls.length > 0) {
    throw new BadRequest("image_urls is only accepted in image-to-image mode");
  }
  const resolution = model.resolutions
    ? optionalOneOf(input, "resolution", model.resolutions)
    : forbidden(input, "resolution");
  return {
    prompt,
    imageUrls,
    aspectRatio: optionalOneOf(input, "aspect_ratio", APIXO_ASPECT_RATIOS),
    resolution,
    outputFormat: optionalOneOf(input, "output_format", APIXO_OUTPUT_FORMATS) ?? "png",
  };
}

function readPassThroughInput(input: JsonObject): ApixoInput {
  const text = (key: string) => (typeof input[key] === "string" ? (input[key] as string) : undefined);
  return {
    prompt: text("prompt") ?? JSON.stringify(input),
    imageUrls: [],
    aspectRatio: text("aspect_ratio"),
    resolution: text("resolution"),
    outputFormat: text("output_format") === "jpeg" ? "jpeg" : "png",
  };
}

function forbidden(input: JsonObject, key: string): undefined {
  if (input[key] !== undefined) throw new BadRequest(`${key} is not supported by this model`);
  return undefined;
}
