import type { TaskHandle } from "../model/task.js";
import type { ValidationIssue } from "../model/validation-issue.js";

const MARKER = Symbol.for("@org/imagegen.error");

/** Stable machine-readable error codes; `name` says the class, `code` what went wrong. */
export type ErrorCode =
  | "validation"
  | "authentication"
  | "insufficient_balance"
  | "rate_limited"
  | "provider_error"
  | "content_policy"
  | "task_failed"
  | "task_timeout"
  | "submit_outcome_unknown"
  | "upload_failed";

export interface ImageGenErrorOptions {
  provider?: string | undefined;
  taskId?: string | undefined;
  retryable?: boolean | undefined;
  statusCode?: number | undefined;
  /** The vendor's response body, kept for diagnosis (never contains our API key: we never send it back). */
  responseBody?: string | undefined;
  cause?: unknown;
}

/** Base class of every error this SDK throws; recognise it with `ImageGenError.isInstance(e)`. */
export class ImageGenError extends Error {
  static readonly errorName: string = "ImageGenError";
  readonly [MARKER] = true;
  readonly code: ErrorCode;
  readonly provider: string | undefined;
  readonly taskId: string | undefined;
  /** Whether repeating the same operation later may succeed. */
  readonly retryable: boolean;
  readonly statusCode: number | undefined;
  readonly responseBody: string | undefined;

  constructor(code: ErrorCode, message: string, options: ImageGenErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = (new.target as typeof ImageGenError).errorName;
    this.code = code;
    this.provider = options.provider;
    this.taskId = options.taskId;
    this.retryable = options.retryable ?? false;
    this.statusCode = options.statusCode;
    this.responseBody = options.responseBody;
  }

  /** True for errors of this class, also across two bundled copies of the SDK (no `instanceof` needed). */
  static isInstance<T extends ImageGenError>(
    this: { readonly errorName: string; readonly prototype: T },
    value: unknown,
  ): value is T {
    if (typeof value !== "object" || value === null || (value as Record<symbol, unknown>)[MARKER] !== true) {
      return false;
    }
    // `this` is the class it is called on, so `ContentPolicyError.isInstance(e)` checks for that subclass.
    // biome-ignore lint/complexity/noThisInStatic: the receiver class is the point of this method
    const expected = this.errorName;
    return expected === ImageGenError.errorName || (value as Error).name === expected;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      provider: this.provider,
      taskId: this.taskId,
      retryable: this.retryable,
      statusCode: this.statusCode,
    };
  }
}

/** The request cannot be sent as it is; nothing was sent. Fix the listed fields. */
export class ValidationError extends ImageGenError {
  static override readonly errorName = "ValidationError";
  readonly issues: readonly ValidationIssue[];

  constructor(message: string, options: ImageGenErrorOptions & { issues?: readonly ValidationIssue[] } = {}) {
    super("validation", message, { ...options, retryable: false });
    this.issues = options.issues ?? [];
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), issues: this.issues };
  }
}

/** The vendor rejected the API key (missing, wrong, or not allowed to use this model). */
export class AuthenticationError extends ImageGenError {
  static override readonly errorName = "AuthenticationError";
  constructor(message: string, options: ImageGenErrorOptions = {}) {
    super("authentication", message, { ...options, retryable: false });
  }
}

/** The vendor account has no credit left; top it up before retrying. */
export class InsufficientBalanceError extends ImageGenError {
  static override readonly errorName = "InsufficientBalanceError";
  constructor(message: string, options: ImageGenErrorOptions = {}) {
    super("insufficient_balance", message, { ...options, retryable: false });
  }
}

/** The vendor's rate or concurrency limit was hit; wait `retryAfterMs` (when known) before retrying. */
export class RateLimitError extends ImageGenError {
  static override readonly errorName = "RateLimitError";
  readonly retryAfterMs: number | undefined;

  constructor(message: string, options: ImageGenErrorOptions & { retryAfterMs?: number | undefined } = {}) {
    super("rate_limited", message, { ...options, retryable: true });
    this.retryAfterMs = options.retryAfterMs;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), retryAfterMs: this.retryAfterMs };
  }
}

/** Why a `ProviderError` happened. */
export type ProviderErrorReason =
  | "server"
  | "network"
  | "timeout"
  | "malformed"
  | "unknown_state"
  | "http"
  | "download"
  | "too_large"
  | "unexpected";

/** The vendor or the network failed: 5xx, connection problems, timeouts, unreadable answers. */
export class ProviderError extends ImageGenError {
  static override readonly errorName = "ProviderError";
  readonly reason: ProviderErrorReason;
  /** For network failures: `false` when the request certainly never left (connection refused, DNS). */
  readonly requestSent: boolean | undefined;

  constructor(
    message: string,
    options: ImageGenErrorOptions & { reason: ProviderErrorReason; requestSent?: boolean | undefined },
  ) {
    super("provider_error", message, options);
    this.reason = options.reason;
    this.requestSent = options.requestSent;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), reason: this.reason, requestSent: this.requestSent };
  }
}

/** The vendor refused the prompt or a reference image on content grounds; change them, do not retry. */
export class ContentPolicyError extends ImageGenError {
  static override readonly errorName = "ContentPolicyError";
  constructor(message: string, options: ImageGenErrorOptions = {}) {
    super("content_policy", message, { ...options, retryable: false });
  }
}

/** The vendor accepted the task and then reported it failed, with its own code and message. */
export class TaskFailedError extends ImageGenError {
  static override readonly errorName = "TaskFailedError";
  readonly failCode: string;

  constructor(message: string, options: ImageGenErrorOptions & { failCode: string }) {
    super("task_failed", message, options);
    this.failCode = options.failCode;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), failCode: this.failCode };
  }
}

/** The overall deadline passed. The task may still finish: resume with `client.wait(error.handle)`. */
export class TaskTimeoutError extends ImageGenError {
  static override readonly errorName = "TaskTimeoutError";
  /** The task to resume; `undefined` when the deadline passed before anything was submitted. */
  readonly handle: TaskHandle | undefined;

  constructor(message: string, options: ImageGenErrorOptions & { handle: TaskHandle | undefined }) {
    super("task_timeout", message, { ...options, retryable: options.handle !== undefined });
    this.handle = options.handle;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), handle: this.handle };
  }
}

/**
 * The submit request failed in a way that leaves open whether the vendor created (and will bill) a task.
 * It is not retried automatically: check the vendor's task history before submitting again.
 */
export class SubmitOutcomeUnknownError extends ImageGenError {
  static override readonly errorName = "SubmitOutcomeUnknownError";
  constructor(message: string, options: ImageGenErrorOptions = {}) {
    super("submit_outcome_unknown", message, { ...options, retryable: false });
  }
}

/**
 * A reference image given as bytes could not be uploaded by the client's `upload` hook, so nothing was
 * submitted. `index` says which one; `cause` is what the hook threw.
 */
export class UploadError extends ImageGenError {
  static override readonly errorName = "UploadError";
  /** Position of the reference image in `referenceImages`. */
  readonly index: number;

  constructor(message: string, options: ImageGenErrorOptions & { index: number }) {
    super("upload_failed", message, options);
    this.index = options.index;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), index: this.index };
  }
}
