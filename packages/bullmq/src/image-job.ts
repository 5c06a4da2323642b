import type { GeneratedImage, ImageRequest, TaskHandle, Warning } from "@org/imagegen-core";

/** What a job holds in Redis. The worker writes its progress into it, so another worker can take over. */
export interface ImageJobData {
  request: ImageRequest;
  /** Overall deadline of the task, from submit to result. Default: the client's (10 minutes). */
  timeoutMs?: number | undefined;
  /**
   * Set just before the submit request is sent, so a worker that takes the job over knows a task may exist
   * although no handle was saved. Cleared when the submit certainly created nothing.
   */
  submittingSince?: string | undefined;
  /** The submitted task, saved before waiting: a worker that takes the job over resumes it. */
  handle?: TaskHandle | undefined;
  /** Warnings of the submit (options the vendor lacks), kept for the result. */
  warnings?: Warning[] | undefined;
  /** Why the job failed, as the SDK's error class says it, for `queue.result()`. */
  error?: ImageJobError | undefined;
}

/** What a completed job returns. */
export interface ImageJobResult {
  /** The vendor's image URLs, or where `storeImage` put the images. */
  images: GeneratedImage[];
  handle: TaskHandle;
  warnings: Warning[];
}

/** A failed job's error, by name (`SubmitOutcomeUnknownError`, `ContentPolicyError`, …) and SDK code. */
export interface ImageJobError {
  name: string;
  code: string | undefined;
  message: string;
}

/** A job's state as `queue.result()` reads it. */
export type ImageJobOutcome =
  | { state: "completed"; result: ImageJobResult }
  | { state: "failed"; error: ImageJobError; handle: TaskHandle | undefined }
  | {
      /** Waiting, delayed, active, …: the job has not finished. */
      state: "pending";
      /** The job's state as BullMQ names it. */
      jobState: string;
      handle: TaskHandle | undefined;
    };

/** What a job reports as its progress: the task's lifecycle state, as the client's events say it. */
export interface ImageJobProgress {
  state: string;
  taskId: string | undefined;
  /** Status calls so far in this attempt. */
  polls: number;
}
