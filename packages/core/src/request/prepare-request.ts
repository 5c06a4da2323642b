import { callbackUrlFor } from "../callbacks/callback.js";
import type { ClientContext } from "../client/client-context.js";
import type { CallOptions } from "../client/client-options.js";
import { ValidationError } from "../errors/errors.js";
import type { Warning } from "../lifecycle/task.js";
import type { ProviderRequest } from "../provider/image-provider.js";
import { zodIssues } from "../shared/zod-issues.js";
import { checkCapabilities } from "./capabilities.js";
import { type ImageRequest, imageRequestSchema } from "./image-request.js";
import type { ResolvedModel } from "./model-registry.js";

/** A request checked against the schema and its model, ready for the adapter. */
export interface PreparedRequest {
  target: ResolvedModel;
  request: ProviderRequest;
  warnings: Warning[];
}

/**
 * Everything that can be checked without the network: the schema, the model, its capabilities. Throws
 * `ValidationError` before any request is sent.
 */
export function prepareRequest(input: ImageRequest & CallOptions, context: ClientContext): PreparedRequest {
  const { signal: _signal, timeoutMs: _timeout, poll: _poll, onEvent: _onEvent, ...fields } = input;
  const parsed = imageRequestSchema.safeParse(fields);
  if (!parsed.success) {
    const issues = zodIssues(parsed.error);
    const summary = issues.map((issue) => `${issue.path || "request"}: ${issue.message}`).join("; ");
    throw new ValidationError(`Invalid request: ${summary}. Nothing was sent.`, { issues });
  }
  const { options, registry } = context;
  const target = registry.resolve(parsed.data.model ?? options.defaultModel);
  const callbackUrl = options.callback && callbackUrlFor(options.callback, target.provider, target.model);
  const checked = checkCapabilities(parsed.data, target, { strict: options.strict ?? false, callbackUrl });
  return { target, ...checked };
}
