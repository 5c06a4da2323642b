/** A vendor's state, normalised. Every vendor state maps to exactly one of these. */
export type TaskState = "queued" | "running" | "succeeded" | "failed";

/**
 * Plain JSON that identifies a submitted task. It holds no secret: store it, and resume the task later,
 * in any process, with `client.wait(handle)`.
 */
export interface TaskHandle {
  /** The provider's name in the client's `providers` config. */
  provider: string;
  model: string;
  taskId: string;
  /** ISO 8601 time of submission. */
  submittedAt: string;
  /** The model's typical latency for this request, so a resumed wait keeps the same poll schedule. */
  expectedLatencyMs?: LatencyRange | undefined;
  /** What the adapter's submit returned for its later status calls, if anything. */
  vendor?: VendorFields | undefined;
}

/** Plain values an adapter keeps in a handle for its status call. */
export type VendorFields = Readonly<Record<string, string | number | boolean | null>>;

export interface LatencyRange {
  min: number;
  max: number;
}

export interface GeneratedImage {
  url: string;
  /** ISO 8601 time after which the vendor no longer serves `url`, when documented. */
  expiresAt?: string | undefined;
}

/** How a failed task is classified; decides the error class `generate` throws. */
export type FailureKind = "content_policy" | "insufficient_balance" | "task_failed";

export interface TaskFailure {
  kind: FailureKind;
  /** The vendor's own fail code, e.g. `CONTENT_VIOLATION`. */
  code: string;
  message: string;
  /** Whether submitting the same request again may succeed (e.g. an upstream outage). */
  retryable: boolean;
}

/** One observation of a task, normalised across vendors. */
export interface TaskStatus {
  taskId: string;
  state: TaskState;
  /** The results; empty unless `state` is `succeeded`. */
  images: GeneratedImage[];
  failure: TaskFailure | undefined;
  /** Vendor timings, when the vendor reports them. */
  createdAt: string | undefined;
  completedAt: string | undefined;
  durationMs: number | undefined;
  /** The vendor's body as received, for diagnosis. */
  raw: unknown;
}

/** A structured note about the request, e.g. an option the chosen vendor does not have. */
export interface Warning {
  type: "unsupported-option";
  option: string;
  provider: string;
  model: string;
  message: string;
}

/** What `generate` and `wait` resolve with. */
export interface ImageResult {
  images: GeneratedImage[];
  handle: TaskHandle;
  warnings: Warning[];
  status: TaskStatus;
}
