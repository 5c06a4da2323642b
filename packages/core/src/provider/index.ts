// @org/imagegen-core/provider: the contract an adapter implements (the SPI) and the helpers adapters share.
// Applications import "@org/imagegen-core"; only adapter packages import this subpath.

export type { ModelCapabilities, ProviderLimits } from "../model/capabilities.js";
export type { Logger } from "../model/logger.js";
export { apiKeyLoader, readEnv } from "./api-key.js";
export {
  createHttpClient,
  type HttpClient,
  type HttpClientOptions,
  type HttpRequestOptions,
} from "./http-client.js";
export { type HttpFailure, httpError, parseRetryAfter } from "./http-errors.js";
export type {
  ImageProvider,
  ProviderContext,
  ProviderRequest,
  ProviderSubmission,
} from "./image-provider.js";
export { parseProviderOptions } from "./provider-options.js";
export {
  DEFAULT_MAX_RESPONSE_BYTES,
  excerpt,
  parseWire,
  type ReadContext,
  readResponse,
  vendorMessage,
} from "./wire.js";
