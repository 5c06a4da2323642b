import {
  apiKeyLoader,
  createHttpClient,
  type ImageProvider,
  parseWire,
  readEnv,
} from "@org/imagegen-core/provider";
import { APIXO_LIMITS, type ApixoModelId, apixoModelTable } from "./apixo-models.js";
import { toSubmitBody } from "./apixo-request.js";
import { toTaskStatus } from "./apixo-status.js";
import { type ApixoProviderOptions, envelopeSchema, readEnvelope, submitDataSchema } from "./apixo-wire.js";

/** APIXO's documented API base. */
export const APIXO_BASE_URL = "https://api.apixo.ai/api/v1";

const PROVIDER = "apixo";

export interface ApixoSettings<PassThrough extends string = string> {
  /** Default: the `APIXO_API_KEY` environment variable, read at the first request. */
  apiKey?: string | undefined;
  /**
   * Default: `APIXO_BASE_URL` from the environment, else APIXO's API; point it at an emulator with e.g.
   * `"http://127.0.0.1:4010/api/v1"`. The key is sent only there.
   */
  baseUrl?: string | undefined;
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof globalThis.fetch | undefined;
  /**
   * Other APIXO model ids to reach (`["flux-2", "sora-2"]`), beside the documented nano-banana and
   * nano-banana-pro. Only listed ids can be named, so a typo in a model id is a `ValidationError`, never a task.
   */
  passThrough?: readonly PassThrough[] | undefined;
  /** Answers larger than this are not read (a `ProviderError`, "too_large"). Default 1 MiB. */
  maxResponseBytes?: number | undefined;
}

/**
 * The APIXO adapter: `nano-banana` and `nano-banana-pro` with their documented capabilities, and the other APIXO
 * models declared in `passThrough` (their fields in `providerOptions.apixo.input`).
 */
export function apixo<const PassThrough extends string = never>(
  settings: ApixoSettings<PassThrough> = {},
): ImageProvider<ApixoModelId | NoInfer<PassThrough>, ApixoProviderOptions> {
  const models = apixoModelTable(settings.passThrough ?? []);
  const http = createHttpClient({
    baseUrl: settings.baseUrl || readEnv("APIXO_BASE_URL") || APIXO_BASE_URL,
    apiKey: apiKeyLoader(PROVIDER, settings.apiKey, "APIXO_API_KEY"),
    fetch: settings.fetch,
    maxResponseBytes: settings.maxResponseBytes,
  });
  const path = (call: "generateTask" | "statusTask", model: string) => `${call}/${encodeURIComponent(model)}`;

  return {
    id: PROVIDER,
    models,
    unlistedModels: 'To use another APIXO model, declare it: apixo({ passThrough: ["flux-2"] }).',
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
