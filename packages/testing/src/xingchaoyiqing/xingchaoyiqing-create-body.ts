import {
  BadRequest,
  type JsonObject,
  optionalOneOf,
  optionalUrls,
  rejectUnknownFields,
  requiredString,
} from "../engine/wire-check.js";
import {
  XINGCHAOYIQING_ASPECT_RATIOS,
  XINGCHAOYIQING_MAX_REFERENCES,
  XINGCHAOYIQING_MODELS,
} from "./xingchaoyiqing-model-specs.js";

export interface XingchaoyiqingCreate {
  readonly model: string;
  readonly prompt: string;
  readonly resolution: string;
  readonly size: string | undefined;
  readonly imageUrls: readonly string[];
}

const FIELDS = ["model", "prompt", "resolution", "size", "image_urls"];

/** Checks a create body as the platform reference describes it, throwing BadRequest. */
export function readXingchaoyiqingCreate(body: JsonObject): XingchaoyiqingCreate {
  rejectUnknownFields(body, FIELDS, "the request body");
  const model = optionalOneOf(body, "model", Object.keys(XINGCHAOYIQING_MODELS));
  if (model === undefined) throw new BadRequest("model is required");
  const prompt = requiredString(body, "prompt");
  const resolution = optionalOneOf(body, "resolution", ["1k", "2k", "4k"]) ?? "1k";
  if (!XINGCHAOYIQING_MODELS[model]?.resolutions.includes(resolution)) {
    throw new BadRequest(`resolution ${resolution} is not supported by ${model}`);
  }
  return {
    model,
    prompt,
    resolution,
    size: optionalOneOf(body, "size", XINGCHAOYIQING_ASPECT_RATIOS),
    imageUrls: optionalUrls(body, "image_urls", XINGCHAOYIQING_MAX_REFERENCES),
  };
}
