// @org/imagegen-bullmq: durable image jobs on BullMQ, with the handle saved in the job.
export type {
  ImageJobData,
  ImageJobError,
  ImageJobOutcome,
  ImageJobProgress,
  ImageJobResult,
} from "./image-job.js";
export {
  createImageQueue,
  type ImageJobInput,
  type ImageQueue,
  type ImageQueueOptions,
} from "./image-queue.js";
export { createImageWorker, type ImageWorker, type ImageWorkerOptions } from "./image-worker.js";
export type { StoreImage } from "./process-image-job.js";
