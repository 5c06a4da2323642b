// The unified client: what applications call.

export type { CallbackOptions } from "./callbacks/callback.js";
export {
  type CallPhase,
  DEFAULT_RETRY_OPTIONS,
  type RetryOptions,
  type RetrySettings,
} from "./calls/retry-policy.js";
export { createImageClient, type GenerateRequest, type ImageClient } from "./client/client.js";
export type { CallOptions, ImageClientOptions } from "./client/client-options.js";
export { type DownloadedImage, type DownloadOptions, downloadImage } from "./download/download-image.js";
// Errors.
export {
  AuthenticationError,
  ContentPolicyError,
  type ErrorCode,
  ImageGenError,
  type ImageGenErrorOptions,
  InsufficientBalanceError,
  ProviderError,
  type ProviderErrorReason,
  RateLimitError,
  SubmitOutcomeUnknownError,
  TaskFailedError,
  TaskTimeoutError,
  ValidationError,
  type ValidationIssue,
} from "./errors/errors.js";
export type { EventListener, ImageGenEvent } from "./lifecycle/events.js";
export { DEFAULT_POLL_OPTIONS, type PollOptions, type PollSettings } from "./lifecycle/poll-schedule.js";
export {
  type FailureKind,
  type GeneratedImage,
  type ImageResult,
  type LatencyRange,
  type TaskFailure,
  type TaskHandle,
  type TaskState,
  type TaskStatus,
  taskHandleSchema,
  type Warning,
} from "./lifecycle/task.js";
export type { LifecycleState } from "./lifecycle/task-state.js";
export { apiKeyLoader, readEnv } from "./provider/api-key.js";
export { createHttpClient, type HttpClientOptions } from "./provider/http-client.js";
export { type HttpFailure, httpError, parseRetryAfter } from "./provider/http-errors.js";
export type {
  ImageProvider,
  Logger,
  ModelCapabilities,
  ProviderContext,
  ProviderLimits,
  ProviderRequest,
} from "./provider/image-provider.js";
// The provider contract (SPI) and the helpers adapters share.
export { parseProviderOptions } from "./provider/provider-options.js";
export { excerpt, parseWire, type ReadContext, readResponse, vendorMessage } from "./provider/wire.js";
// Requests, handles, statuses and results.
export {
  ASPECT_RATIOS,
  type AspectRatio,
  GENERATION_MODES,
  type GenerationMode,
  type ImageRequest,
  imageRequestSchema,
  OUTPUT_FORMATS,
  type OutputFormat,
  RESOLUTIONS,
  type Resolution,
} from "./request/image-request.js";
export type { ModelInfo } from "./request/model-registry.js";
export type { Clock } from "./shared/clock.js";
