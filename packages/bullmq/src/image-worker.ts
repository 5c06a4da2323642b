import type { ImageClient } from "@org/imagegen-core";
import {
  type ConnectionOptions,
  type Job,
  Queue,
  UnrecoverableError,
  Worker,
  type WorkerOptions,
} from "bullmq";
import type { ImageJobData, ImageJobResult } from "./image-job.js";
import { DEFAULT_QUEUE_NAME } from "./image-queue.js";
import { describeError, mayRetry, rateLimitPause } from "./job-errors.js";
import { processImageJob, type StoreImage } from "./process-image-job.js";

export interface ImageWorkerOptions {
  /** The client that runs the tasks; give it `redisCoordinator(...)` so limits and callbacks span every worker. */
  client: ImageClient;
  /** BullMQ's connection: an ioredis instance (with `maxRetriesPerRequest: null`) or its options. */
  connection: ConnectionOptions;
  /** The queue's name. Default `"imagegen"`. */
  queueName?: string | undefined;
  /** BullMQ's key prefix, if the queue uses one. */
  prefix?: string | undefined;
  /** Jobs run at once by this process. Most of a job is waiting, so many fit. Default 50. */
  concurrency?: number | undefined;
  /** Keeps each image before the job completes (vendor URLs expire): e.g. download it and upload it to a bucket. */
  storeImage?: StoreImage | undefined;
  /** How long the queue pauses after a 429 without `Retry-After`. Default 10 s. */
  rateLimitPauseMs?: number | undefined;
  /** Any other BullMQ worker option (`lockDuration`, `stalledInterval`, `maxStalledCount`, …). */
  worker?: Partial<WorkerOptions> | undefined;
}

export interface ImageWorker {
  /** The BullMQ worker: listen to its events (`completed`, `failed`, `error`). */
  readonly worker: Worker<ImageJobData, ImageJobResult>;
  /** Stops taking jobs, lets the running ones finish, and closes the worker's connections. */
  close(): Promise<void>;
}

/**
 * Processes image jobs: takes a task slot, submits, saves the handle in the job before waiting, waits, and
 * returns `{ images, handle, warnings }`. A job whose worker died is resumed from its handle by another worker.
 */
export function createImageWorker(options: ImageWorkerOptions): ImageWorker {
  const { client, connection, storeImage, queueName = DEFAULT_QUEUE_NAME, prefix } = options;
  const pauseMs = options.rateLimitPauseMs ?? 10_000;
  let queue: Queue | undefined;
  const queueOptions = { connection, ...(prefix === undefined ? {} : { prefix }) };

  const processor = async (job: Job<ImageJobData>, _token?: string, signal?: AbortSignal) => {
    try {
      return await processImageJob(job, { client, storeImage, signal });
    } catch (error) {
      const pause = rateLimitPause(error, pauseMs);
      if (pause !== undefined) {
        // The vendor's limit is the queue's: pause every worker, and put the job back without spending an attempt.
        queue ??= new Queue(queueName, queueOptions);
        await queue.rateLimit(pause);
        throw Worker.RateLimitError();
      }
      await job.updateData({ ...job.data, error: describeError(error) }).catch(() => {});
      if (mayRetry(error)) throw error;
      throw new UnrecoverableError(error instanceof Error ? error.message : String(error));
    }
  };

  const worker = new Worker<ImageJobData, ImageJobResult>(queueName, processor, {
    concurrency: options.concurrency ?? 50,
    // A job that stalled resumes from its handle, so being taken over is safe: allow it more than once.
    maxStalledCount: 3,
    // `queue.rateLimit()` only holds back workers that have a limiter; this one never limits by itself.
    limiter: { max: Number.MAX_SAFE_INTEGER, duration: 1_000 },
    ...options.worker,
    ...queueOptions,
  });
  return {
    worker,
    async close() {
      await worker.close();
      await queue?.close();
    },
  };
}
