import { ValidationError } from "../errors/errors.js";
import type { ModelCapabilities } from "../model/capabilities.js";
import type { Resolution } from "../model/image-options.js";
import type { LatencyRange, Warning } from "../model/task.js";
import type { ValidationIssue } from "../model/validation-issue.js";
import type { ProviderRequest } from "../provider/image-provider.js";
import type { ImageRequest } from "./image-request.js";

export interface ModelTarget {
  provider: string;
  model: string;
  capabilities: ModelCapabilities;
}

/** A schema-valid request whose reference images are URLs (an upload's slot is filled in before submit). */
export type CheckableRequest = Omit<ImageRequest, "referenceImages"> & { referenceImages: readonly string[] };

export interface CheckedRequest {
  request: ProviderRequest;
  warnings: Warning[];
}

type ListedOption = "aspectRatio" | "resolution" | "outputFormat";
const LISTS = {
  aspectRatio: "aspectRatios",
  resolution: "resolutions",
  outputFormat: "outputFormats",
} as const;

/**
 * Checks a schema-valid request against the model's capability table. As in the AI SDK, an option the model
 * cannot honour (one the vendor does not have, or a value this model does not take) is left out of the
 * request with a warning, unless `strict` makes it a `ValidationError`; so the same request runs on every
 * configured model. A prompt out of range or reference images the model cannot take are always an error.
 * Nothing has been sent when this throws.
 */
export function checkCapabilities(
  input: CheckableRequest,
  target: ModelTarget,
  options: { strict: boolean; callbackUrl: string | undefined },
): CheckedRequest {
  const { provider, model, capabilities } = target;
  const issues: ValidationIssue[] = [];
  const warnings: Warning[] = [];
  const where = `${provider}:${model}`;

  const promptLength = [...input.prompt].length;
  const { min, max } = capabilities.promptLength;
  if (promptLength < min || promptLength > max) {
    issues.push({
      path: "prompt",
      message: `${where} takes prompts of ${min}–${max} characters; this one has ${promptLength}`,
    });
  }

  const references = input.referenceImages;
  const mode = references.length > 0 ? "image-to-image" : "text-to-image";
  if (!capabilities.modes.includes(mode)) {
    issues.push({
      path: "referenceImages",
      message: `${where} does not support ${mode}; it supports ${capabilities.modes.join(", ")}`,
    });
  } else if (references.length > capabilities.maxReferenceImages) {
    issues.push({
      path: "referenceImages",
      message: `${where} takes at most ${capabilities.maxReferenceImages} reference images; got ${references.length}`,
    });
  }

  const mapped: Pick<ProviderRequest, ListedOption> = {
    aspectRatio: undefined,
    resolution: undefined,
    outputFormat: undefined,
  };
  for (const option of Object.keys(LISTS) as ListedOption[]) {
    const value = input[option];
    if (value === undefined) continue;
    const allowed: readonly string[] | undefined = capabilities[LISTS[option]];
    if (allowed?.includes(value)) {
      Object.assign(mapped, { [option]: value });
      continue;
    }
    const why =
      allowed === undefined
        ? `${where} has no ${option} option`
        : `${where} does not take ${option} "${value}" (it takes ${allowed.join(", ")})`;
    if (options.strict) issues.push({ path: option, message: `${why} (strict mode)` });
    else
      warnings.push({
        type: "unsupported-option",
        option,
        provider,
        model,
        message: `${why}; "${value}" was not sent`,
      });
  }

  if (issues.length > 0) {
    const summary = issues.map((issue) => `${issue.path}: ${issue.message}`).join("; ");
    throw new ValidationError(`Invalid request for ${where}: ${summary}. Nothing was sent.`, {
      provider,
      issues,
    });
  }

  return {
    warnings,
    request: {
      model,
      mode,
      prompt: input.prompt,
      ...mapped,
      referenceImages: references,
      providerOptions: input.providerOptions?.[provider],
      callbackUrl: options.callbackUrl,
    },
  };
}

/** The model's typical latency for a request, by resolution when the table says so. */
export function expectedLatency(
  capabilities: ModelCapabilities,
  resolution: Resolution | undefined,
): LatencyRange {
  const { min, max, byResolution } = capabilities.latencyMs;
  return (resolution && byResolution?.[resolution]) || { min, max };
}
