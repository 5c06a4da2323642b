// @org/imagegen-core: the unified client, what applications call. Adapter authors: see "./provider/index.ts".

export type { CallbackOptions } from "./callbacks/callback.js";
export type { CallbackCallOptions } from "./callbacks/callback-receiver.js";
export type { ResolvedRetryOptions, RetryOptions } from "./calls/retry-policy.js";
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
} from "./errors/errors.js";
export type { EventListener, ImageGenEvent } from "./lifecycle/events.js";
export { taskHandleSchema } from "./lifecycle/task-handle-schema.js";
export type { LifecycleState } from "./lifecycle/task-state.js";
export type { CallPhase } from "./model/call-phase.js";
export type { ModelCapabilities, ProviderLimits } from "./model/capabilities.js";
export {
  ASPECT_RATIOS,
  type AspectRatio,
  GENERATION_MODES,
  type GenerationMode,
  OUTPUT_FORMATS,
  type OutputFormat,
  RESOLUTIONS,
  type Resolution,
} from "./model/image-options.js";
export type { Logger } from "./model/logger.js";
export { DEFAULT_POLL_OPTIONS, type PollOptions, type ResolvedPollOptions } from "./model/poll-options.js";
export type {
  FailureKind,
  GeneratedImage,
  ImageResult,
  LatencyRange,
  TaskFailure,
  TaskHandle,
  TaskState,
  TaskStatus,
  VendorFields,
  Warning,
} from "./model/task.js";
export type { ValidationIssue } from "./model/validation-issue.js";
export type { ImageProvider } from "./provider/image-provider.js";
export type { ImageRequest } from "./request/image-request.js";
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
