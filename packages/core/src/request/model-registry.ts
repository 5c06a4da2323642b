import { ValidationError } from "../errors/errors.js";
import type { ModelCapabilities } from "../model/capabilities.js";
import type { ImageProvider } from "../provider/image-provider.js";
import { isPathSegment, PATH_SEGMENT_RULE } from "../shared/path-segment.js";
import type { ModelTarget } from "./capabilities.js";
import type { Providers } from "./model-ids.js";
import { nearestMatch } from "./nearest-match.js";

/** One configured model, as `client.models()` lists it. */
export interface ModelInfo<Id extends string = string> {
  /** `"provider:modelId"`, what `model` and `defaultModel` take. */
  id: Id;
  provider: string;
  model: string;
  capabilities: ModelCapabilities;
}

export interface ResolvedModel extends ModelTarget {
  adapter: ImageProvider;
}

/**
 * Resolves `"provider:model"` strings against the client's `providers` config. Only the models an adapter
 * lists can be reached, so a typo is a `ValidationError` naming the nearest configured id, and nothing is sent.
 */
export class ModelRegistry {
  constructor(private readonly providers: Providers) {}

  list(): ModelInfo[] {
    return Object.entries(this.providers).flatMap(([provider, adapter]) =>
      Object.entries(adapter.models).map(([model, capabilities]) => ({
        id: `${provider}:${model}`,
        provider,
        model,
        capabilities,
      })),
    );
  }

  /** The adapter configured under `name`, or a `ValidationError` naming the nearest configured one. */
  provider(name: string, ref?: string): ImageProvider {
    const adapter = Object.hasOwn(this.providers, name) ? this.providers[name] : undefined;
    if (adapter) return adapter;
    const configured = Object.keys(this.providers);
    const model = ref === undefined ? undefined : nearestMatch(ref, this.ids());
    const near = model ?? nearestMatch(name, configured);
    const hint = near === undefined ? "" : ` Did you mean "${near}"?`;
    throw new ValidationError(
      `Provider "${name}" is not configured.${hint} Configured providers: ${configured.join(", ") || "none"}; ` +
        "add it to createImageClient({ providers }).",
      { issues: [{ path: "model", message: `unknown provider "${name}"${didYouMean(near)}` }] },
    );
  }

  resolve(ref: string | undefined): ResolvedModel {
    if (ref === undefined) {
      throw new ValidationError(
        `No model given. Pass { model: "provider:modelId" } or set defaultModel; configured: ${this.listed()}.`,
        { issues: [{ path: "model", message: "missing" }] },
      );
    }
    const separator = ref.indexOf(":");
    if (separator <= 0 || separator === ref.length - 1) {
      // A bare model id is the usual slip: name the configured ids that end in it.
      const same = this.ids().filter((id) => id.slice(id.indexOf(":") + 1) === ref);
      const near = same.map((id) => `"${id}"`).join(" or ");
      const hint = near ? ` Did you mean ${near}?` : "";
      throw new ValidationError(
        `Model "${ref}" is not of the form "provider:modelId".${hint} Configured: ${this.listed()}.`,
        {
          issues: [
            {
              path: "model",
              message: `must look like "provider:modelId"${near ? `; did you mean ${near}?` : ""}`,
            },
          ],
        },
      );
    }
    const provider = ref.slice(0, separator);
    const model = ref.slice(separator + 1);
    const adapter = this.provider(provider, ref);
    // Checked before the table, so no adapter's table can make a `..` reach a URL path.
    if (!isPathSegment(model)) {
      throw new ValidationError(`Model "${ref}" cannot be sent: its id ${PATH_SEGMENT_RULE}.`, {
        provider,
        issues: [{ path: "model", message: PATH_SEGMENT_RULE }],
      });
    }
    const capabilities = Object.hasOwn(adapter.models, model) ? adapter.models[model] : undefined;
    if (!capabilities) {
      const near = nearestMatch(model, Object.keys(adapter.models));
      const suggestion = near === undefined ? undefined : `${provider}:${near}`;
      const hint = suggestion === undefined ? "" : ` Did you mean "${suggestion}"?`;
      const unlisted = adapter.unlistedModels ? ` ${adapter.unlistedModels}` : "";
      throw new ValidationError(
        `Model "${ref}" is not available.${hint} Configured models: ${this.listed()}.${unlisted}`,
        {
          provider,
          issues: [{ path: "model", message: `unknown model "${model}"${didYouMean(suggestion)}` }],
        },
      );
    }
    return { provider, model, capabilities, adapter };
  }

  /** The model's capability table, or `undefined` for a model the adapter does not list (an old handle). */
  capabilities(provider: string, model: string): ModelCapabilities | undefined {
    const { models } = this.provider(provider);
    return Object.hasOwn(models, model) ? models[model] : undefined;
  }

  private ids(): string[] {
    return this.list().map((info) => info.id);
  }

  private listed(): string {
    return this.ids().join(", ") || "none";
  }
}

function didYouMean(suggestion: string | undefined): string {
  return suggestion === undefined ? "" : `; did you mean "${suggestion}"?`;
}
