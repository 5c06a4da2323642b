import { apiKeyLoader, createHttpClient, type ImageProvider, parseWire } from "@org/imagegen-core/provider";
import { APIXO_LIMITS, apixoModels, apixoPassThroughModel } from "./apixo-models.js";
import { toSubmitBody } from "./apixo-request.js";
import { toTaskStatus } from "./apixo-status.js";
import { envelopeSchema, readEnvelope, submitDataSchema } from "./apixo-wire.js";

/** APIXO's documented API base. */
export const APIXO_BASE_URL = "https://api.apixo.ai/api/v1";

const PROVIDER = "apixo";

export interface ApixoSettings {
  /** Default: the `APIXO_API_KEY` environment variable, read at the first request. */
  apiKey?: string | undefined;
  /** Default: APIXO's API; point it at an emulator with e.g. `"http://127.0.0.1:4010/api/v1"`. */
  baseUrl?: string | undefined;
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof globalThis.fetch | undefined;
}

/**
 * The APIXO adapter: `nano-banana` and `nano-banana-pro` with their documented capabilities, and any other
 * APIXO model id by pass-through (`providerOptions.apixo.input`).
 */
export function apixo(settings: ApixoSettings = {}): ImageProvider {
  const http = createHttpClient({
    baseUrl: settings.baseUrl ?? APIXO_BASE_URL,
    apiKey: apiKeyLoader(PROVIDER, settings.apiKey, "APIXO_API_KEY"),
    fetch: settings.fetch,
  });
  const path = (call: "generateTask" | "statusTask", model: string) => `${call}/${encodeURIComponent(model)}`;

  return {
    id: PROVIDER,
    models: apixoModels,
    passThroughModel: apixoPassThroughModel,
    limits: APIXO_LIMITS,

    async submit(request, ctx) {
      const json = toSubmitBody(request, PROVIDER);
      const response = await http.post(path("generateTask", request.model), { json, signal: ctx.signal });
      const data = await readEnvelope(response, {
        provider: PROVIDER,
        model: request.model,
        what: "submit answer",
      });
      const { taskId } = parseWire(submitDataSchema, data, { provider: PROVIDER, what: "submit answer" });
      return { taskId };
    },

    async getStatus(handle, ctx) {
      const { model, taskId } = handle;
      const response = await http.get(path("statusTask", model), {
        searchParams: { taskId },
        signal: ctx.signal,
      });
      const data = await readEnvelope(response, { provider: PROVIDER, model, taskId, what: "status answer" });
      return toTaskStatus(data, { provider: PROVIDER, model, now: Date.now() });
    },

    // A delivery is the status envelope. Its model is not in the body; the client confirms with getStatus anyway.
    parseCallback(body) {
      const envelope = parseWire(envelopeSchema, body, { provider: PROVIDER, what: "callback delivery" });
      return toTaskStatus(envelope.data, { provider: PROVIDER, model: undefined, now: Date.now() });
    },
  };
}
