import { ValidationError } from "../errors/errors.js";
import type { ImageProvider, ModelCapabilities } from "../provider/image-provider.js";
import { isPathSegment, PATH_SEGMENT_RULE } from "../shared/path-segment.js";
import type { ModelTarget } from "./capabilities.js";

/** One configured model, as `client.models()` lists it. */
export interface ModelInfo {
  /** `"provider:modelId"`, what `model` and `defaultModel` take. */
  id: string;
  provider: string;
  model: string;
  capabilities: ModelCapabilities;
}

export interface ResolvedModel extends ModelTarget {
  adapter: ImageProvider;
}

function capabilitiesOf(adapter: ImageProvider, model: string): ModelCapabilities | undefined {
  return Object.hasOwn(adapter.models, model) ? adapter.models[model] : adapter.passThroughModel;
}

/** Resolves `"provider:model"` strings against the client's `providers` config. */
export class ModelRegistry {
  constructor(private readonly providers: Readonly<Record<string, ImageProvider>>) {}

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

  /** The adapter configured under `name`, or a `ValidationError` naming the configured ones. */
  provider(name: string): ImageProvider {
    const adapter = Object.hasOwn(this.providers, name) ? this.providers[name] : undefined;
    if (adapter) return adapter;
    const configured = Object.keys(this.providers);
    throw new ValidationError(
      `Provider "${name}" is not configured. Configured providers: ${configured.join(", ") || "none"}; ` +
        "add it to createImageClient({ providers }).",
      { issues: [{ path: "model", message: `unknown provider "${name}"` }] },
    );
  }

  resolve(ref: string | undefined): ResolvedModel {
    if (ref === undefined) {
      throw new ValidationError(
        `No model given. Pass { model: "provider:modelId" } or set defaultModel; configured: ${this.ids()}.`,
        { issues: [{ path: "model", message: "missing" }] },
      );
    }
    const separator = ref.indexOf(":");
    if (separator <= 0 || separator === ref.length - 1) {
      throw new ValidationError(
        `Model "${ref}" is not of the form "provider:modelId"; configured: ${this.ids()}.`,
        {
          issues: [{ path: "model", message: 'must look like "provider:modelId"' }],
        },
      );
    }
    const provider = ref.slice(0, separator);
    const model = ref.slice(separator + 1);
    const adapter = this.provider(provider);
    // Checked before the table: an adapter that passes unknown ids through would otherwise take `..`.
    if (!isPathSegment(model)) {
      throw new ValidationError(`Model "${ref}" cannot be sent: its id ${PATH_SEGMENT_RULE}.`, {
        provider,
        issues: [{ path: "model", message: PATH_SEGMENT_RULE }],
      });
    }
    const capabilities = capabilitiesOf(adapter, model);
    if (!capabilities) {
      throw new ValidationError(`Model "${ref}" is not available. Configured models: ${this.ids()}.`, {
        provider,
        issues: [{ path: "model", message: `unknown model "${model}"` }],
      });
    }
    return { provider, model, capabilities, adapter };
  }

  /** The model's capability table, the provider's pass-through capabilities, or `undefined`. */
  capabilities(provider: string, model: string): ModelCapabilities | undefined {
    return capabilitiesOf(this.provider(provider), model);
  }

  private ids(): string {
    return (
      this.list()
        .map((info) => info.id)
        .join(", ") || "none"
    );
  }
}
