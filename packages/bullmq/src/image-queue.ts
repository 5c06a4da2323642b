import { ValidationError } from "@org/imagegen-core";
import { type ConnectionOptions, type JobsOptions, Queue } from "bullmq";
import type { ImageJobData, ImageJobOutcome, ImageJobResult } from "./image-job.js";

export const DEFAULT_QUEUE_NAME = "imagegen";

/** What `add` takes: the request, as `generate` would, and optionally the whole task's deadline. */
export interface ImageJobInput {
  request: ImageJobData["request"];
  timeoutMs?: number | undefined;
}

export interface ImageQueueOptions {
  /** BullMQ's connection: an ioredis instance or its options. */
  connection: ConnectionOptions;
  /** The queue's name. Default `"imagegen"`. */
  name?: string | undefined;
  /** BullMQ's key prefix. */
  prefix?: string | undefined;
  /** Options for every job; `attempts` default 3 (a retry resumes or submits only what never reached the vendor). */
  jobOptions?: JobsOptions | undefined;
}

export interface ImageQueue {
  /** The BullMQ queue, for everything else (counts, events, cleaning). */
  readonly queue: Queue<ImageJobData, ImageJobResult>;
  /**
   * Adds one image request as a job. With `jobId`, adding the same id again returns the existing job instead of
   * a second one, so a retried HTTP request or a replayed message enqueues (and pays) once.
   */
  add(input: ImageJobInput, options?: { jobId?: string | undefined }): Promise<{ id: string }>;
  /** The job's outcome so far; `undefined` for an unknown (or removed) job. */
  result(jobId: string): Promise<ImageJobOutcome | undefined>;
  close(): Promise<void>;
}

/** A queue of image jobs for `createImageWorker` to process. */
export function createImageQueue(options: ImageQueueOptions): ImageQueue {
  const queue = new Queue<ImageJobData, ImageJobResult>(options.name ?? DEFAULT_QUEUE_NAME, {
    connection: options.connection,
    ...(options.prefix === undefined ? {} : { prefix: options.prefix }),
    defaultJobOptions: {
      attempts: 3,
      backoff: { type: "exponential", delay: 2_000 },
      ...options.jobOptions,
    },
  });
  return {
    queue,
    async add({ request, timeoutMs }, { jobId } = {}) {
      if (typeof request?.prompt !== "string") {
        throw new ValidationError(
          "An image job needs a request with a prompt: add({ request: { prompt } }).",
        );
      }
      const data: ImageJobData = timeoutMs === undefined ? { request } : { request, timeoutMs };
      // The name is BullMQ's label for the job; the request's model says it best.
      const job = await queue.add(request.model ?? "image", data, jobId === undefined ? {} : { jobId });
      return { id: String(job.id) };
    },
    async result(jobId) {
      // The state first, then the job: BullMQ stores a job's return value in the same script that marks it
      // completed, so a job read after its state is seen completed has its result. The other order races a
      // worker finishing in between (the job read while active, the state read once completed).
      const jobState = await queue.getJobState(jobId);
      if (jobState === "unknown") return undefined;
      const job = await queue.getJob(jobId);
      if (!job) return undefined;
      const handle = job.data.handle;
      if (jobState === "completed") return { state: "completed", result: job.returnvalue };
      if (jobState === "failed") {
        const error = job.data.error ?? { name: "Error", code: undefined, message: job.failedReason };
        return { state: "failed", error, handle };
      }
      return { state: "pending", jobState, handle };
    },
    close: () => queue.close(),
  };
}
