import {
  apiKeyLoader,
  createHttpClient,
  type ImageProvider,
  parseWire,
  readEnv,
} from "@org/imagegen-core/provider";
import { type XingchaoyiqingModelId, xingchaoyiqingModels } from "./xingchaoyiqing-models.js";
import { toCreateBody } from "./xingchaoyiqing-request.js";
import { toTaskStatus } from "./xingchaoyiqing-status.js";
import { createdSchema, readAnswer, type XingchaoyiqingProviderOptions } from "./xingchaoyiqing-wire.js";

/** The platform's documented shared prefix, the default base URL. */
export const XINGCHAOYIQING_BASE_URL = "https://zcbservice.aizfw.cn/kyyReactApiServer";

const PROVIDER = "xingchaoyiqing";

export interface XingchaoyiqingSettings {
  /** Default: the `XINGCHAOYIQING_API_KEY` environment variable, read at the first request. */
  apiKey?: string | undefined;
  /** Default: `XINGCHAOYIQING_BASE_URL` from the environment, else the platform's documented prefix. */
  baseUrl?: string | undefined;
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof globalThis.fetch | undefined;
  /** Answers larger than this are not read (a `ProviderError`, "too_large"). Default 1 MiB. */
  maxResponseBytes?: number | undefined;
}

/** The xingchaoyiqing adapter: its five nano-banana models, polled (the vendor has no callbacks). */
export function xingchaoyiqing(
  settings: XingchaoyiqingSettings = {},
): ImageProvider<XingchaoyiqingModelId, XingchaoyiqingProviderOptions> {
  const http = createHttpClient({
    baseUrl: settings.baseUrl || readEnv("XINGCHAOYIQING_BASE_URL") || XINGCHAOYIQING_BASE_URL,
    apiKey: apiKeyLoader(PROVIDER, settings.apiKey, "XINGCHAOYIQING_API_KEY"),
    fetch: settings.fetch,
    maxResponseBytes: settings.maxResponseBytes,
  });

  return {
    id: PROVIDER,
    models: xingchaoyiqingModels,

    async submit(request, ctx) {
      const json = toCreateBody(request, PROVIDER);
      if (request.callbackUrl !== undefined) {
        ctx.logger.debug?.("xingchaoyiqing has no callbacks; the task is polled", { model: request.model });
      }
      const response = await http.post("v1/banana/images", { json, signal: ctx.signal });
      const body = await readAnswer(http, response, { provider: PROVIDER });
      const { id } = parseWire(createdSchema, body, { provider: PROVIDER, what: "create answer" });
      return { taskId: id };
    },

    async getStatus(handle, ctx) {
      const { taskId } = handle;
      const response = await http.get(`v1/result/${encodeURIComponent(taskId)}`, { signal: ctx.signal });
      const body = await readAnswer(http, response, { provider: PROVIDER, taskId });
      return toTaskStatus(body, { provider: PROVIDER, now: Date.now() });
    },

    // The vendor sends no callbacks; a relayed query answer is read like a polled one.
    parseCallback: (body) => toTaskStatus(body, { provider: PROVIDER, now: Date.now() }),
  };
}
