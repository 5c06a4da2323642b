// The unified client: what applications call.

export { apiKeyLoader, readEnv } from "./api-key.js";
export type { CallbackOptions } from "./callback.js";
export { createImageClient, type GenerateRequest, type ImageClient } from "./client.js";
export type { CallOptions, ImageClientOptions } from "./client-options.js";
export type { Clock } from "./clock.js";
export { type DownloadedImage, type DownloadOptions, downloadImage } from "./download.js";
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
} from "./errors.js";
export type { EventListener, ImageGenEvent } from "./events.js";
export { createHttpClient, type HttpClientOptions } from "./http-client.js";
export { type HttpFailure, httpError, parseRetryAfter } from "./http-errors.js";
export type { ModelInfo } from "./model-registry.js";
export { DEFAULT_POLL_OPTIONS, type PollOptions, type PollSettings } from "./poll-schedule.js";
export type {
  ImageProvider,
  Logger,
  ModelCapabilities,
  ProviderContext,
  ProviderLimits,
  ProviderRequest,
} from "./provider.js";
// The provider contract (SPI) and the helpers adapters share.
export { parseProviderOptions } from "./provider-options.js";
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
} from "./request.js";
export {
  type CallPhase,
  DEFAULT_RETRY_OPTIONS,
  type RetryOptions,
  type RetrySettings,
} from "./retry-policy.js";
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
} from "./task.js";
export type { LifecycleState } from "./task-state.js";
export { excerpt, parseWire, type ReadContext, readResponse, vendorMessage } from "./wire.js";
