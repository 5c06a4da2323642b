// @org/imagegen-core: the unified client, what applications call. Adapter authors: see "./provider/index.ts".

export type { CallbackOptions } from "./callbacks/callback.js";
export type { CallbackCallOptions } from "./callbacks/callback-receiver.js";
export type { CallPhase, ResolvedRetryOptions, RetryOptions } from "./calls/retry-policy.js";
export { DEFAULT_RETRY_OPTIONS } from "./calls/retry-policy.js";
export { createImageClient, type GenerateRequest, type ImageClient } from "./client/client.js";
export type { CallOptions, ImageClientOptions } from "./client/client-options.js";
export type {
  Coordinator,
  RequestBudget,
  SlotRequest,
  TaskRef,
  TaskSlot,
} from "./coordination/coordinator.js";
export {
  type InMemoryCoordinatorOptions,
  inMemoryCoordinator,
} from "./coordination/in-memory-coordinator.js";
export { type DownloadedImage, type DownloadOptions, downloadImage } from "./download/download-image.js";
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
  UploadError,
  ValidationError,
  type ValidationIssue,
} from "./errors/errors.js";
export type { EventListener, ImageGenEvent } from "./lifecycle/events.js";
export {
  DEFAULT_POLL_OPTIONS,
  type PollOptions,
  type ResolvedPollOptions,
} from "./poll/poll-schedule.js";
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
  type VendorFields,
  type Warning,
} from "./model/task.js";
export type { LifecycleState } from "./lifecycle/task-state.js";
export type {
  ImageProvider,
  Logger,
  ModelCapabilities,
  ProviderLimits,
} from "./provider/image-provider.js";
export {
  ASPECT_RATIOS,
  type AspectRatio,
  GENERATION_MODES,
  type GenerationMode,
  type ImageRequest,
  OUTPUT_FORMATS,
  type OutputFormat,
  RESOLUTIONS,
  type Resolution,
} from "./request/image-request.js";
export type { ModelIdOf, ProviderOptionsOf, Providers } from "./request/model-ids.js";
export type { ModelInfo } from "./request/model-registry.js";
export type { ReferenceBytes, ReferenceImage } from "./request/reference-images.js";
export type { Clock } from "./shared/clock.js";
export {
  type PresignedTarget,
  type PresignedUploadOptions,
  presignedUpload,
} from "./uploads/presigned-upload.js";
export type { UploadHook } from "./uploads/upload-references.js";
