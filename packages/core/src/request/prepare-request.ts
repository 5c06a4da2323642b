import { ValidationError } from "../errors/errors.js";
import { zodIssues } from "../errors/zod-issues.js";
import type { Warning } from "../model/task.js";
import type { ProviderRequest } from "../provider/image-provider.js";
import { checkCapabilities } from "./capabilities.js";
import { imageRequestSchema } from "./image-request.js";
import type { ModelRegistry, ResolvedModel } from "./model-registry.js";
import { type PendingUpload, readReferences } from "./reference-images.js";

/** A request checked against the schema and its model, ready for the adapter. */
export interface PreparedRequest {
  target: ResolvedModel;
  request: ProviderRequest;
  warnings: Warning[];
  /** Reference images given as bytes, uploaded before the submit into their slots of `request.referenceImages`. */
  uploads: PendingUpload[];
}

/** The client's settings that decide how a request is read. */
export interface RequestSettings {
  defaultModel?: string | undefined;
  /** In callback mode, the URL the vendor posts a task of this provider and model to. */
  callbackUrl?: ((provider: string, model: string) => string) | undefined;
  strict?: boolean | undefined;
  /** The client's `upload` hook; without one, reference images given as bytes are refused. */
  upload?: ((...args: never[]) => unknown) | undefined;
}

/**
 * Everything that can be checked without the network: the schema, reference images given as bytes, the
 * model, its capabilities. Throws `ValidationError` before any request (or upload) is sent.
 */
export function prepareRequest(
  fields: Record<string, unknown>,
  registry: ModelRegistry,
  settings: RequestSettings,
): PreparedRequest {
  const parsed = imageRequestSchema.safeParse(fields);
  if (!parsed.success) {
    const issues = zodIssues(parsed.error);
    const summary = issues.map((issue) => `${issue.path || "request"}: ${issue.message}`).join("; ");
    throw new ValidationError(`Invalid request: ${summary}. Nothing was sent.`, { issues });
  }
  const { defaultModel, callbackUrl: callbackUrlFor, strict, upload } = settings;
  const { urls, uploads } = readReferences(parsed.data.referenceImages ?? [], upload !== undefined);
  const target = registry.resolve(parsed.data.model ?? defaultModel);
  const callbackUrl = callbackUrlFor?.(target.provider, target.model);
  const checked = checkCapabilities({ ...parsed.data, referenceImages: urls }, target, {
    strict: strict ?? false,
    callbackUrl,
  });
  return { target, ...checked, uploads };
}
