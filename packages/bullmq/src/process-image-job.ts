import {
  type GeneratedImage,
  type ImageClient,
  type ImageGenEvent,
  SubmitOutcomeUnknownError,
  type TaskHandle,
} from "@org/imagegen-core";
import type { Job } from "bullmq";
import type { ImageJobData, ImageJobProgress, ImageJobResult } from "./image-job.js";

/** Keeps an image somewhere that outlives the vendor's URL; returns the image as it should be reported. */
export type StoreImage = (
  image: GeneratedImage,
  job: { id: string; handle: TaskHandle },
) => Promise<GeneratedImage>;

export interface ProcessOptions {
  client: ImageClient;
  storeImage: StoreImage | undefined;
  signal: AbortSignal | undefined;
}

/**
 * Runs one image job from wherever the last worker left it: resumes a saved handle, refuses to guess after a
 * submit whose outcome nobody saved, or submits, saves the handle and only then waits.
 */
export async function processImageJob(
  job: Job<ImageJobData>,
  options: ProcessOptions,
): Promise<ImageJobResult> {
  const { client, signal } = options;
  const progress: ImageJobProgress = { state: "submitting", taskId: job.data.handle?.taskId, polls: 0 };
  const onEvent = (event: ImageGenEvent) => reportProgress(job, progress, event);
  let { handle, warnings = [] } = job.data;
  if (!handle) {
    if (job.data.submittingSince) {
      throw new SubmitOutcomeUnknownError(
        `Job ${job.id}: a worker stopped after sending the submit (at ${job.data.submittingSince}) and before ` +
          "saving the task's handle, so a task may exist and be paid for. It is not submitted again: check the " +
          "vendor's dashboard, then add a new job if no task was created.",
      );
    }
    warnings = [];
    const collect = (event: ImageGenEvent) => {
      if (event.type === "warning") warnings.push(event.warning);
      onEvent(event);
    };
    const { request, timeoutMs } = job.data;
    // Marked once the task slot is held and just before the submit leaves, so a worker that dies while
    // waiting for a slot leaves a job that simply runs again.
    const beforeSubmit = () => job.updateData({ ...job.data, submittingSince: new Date().toISOString() });
    try {
      handle = await client.submit({ ...request, timeoutMs, signal, onEvent: collect, beforeSubmit });
    } catch (error) {
      // The vendor certainly created nothing: the job may be run again from the start.
      if (job.data.submittingSince && !SubmitOutcomeUnknownError.isInstance(error)) {
        await job.updateData({ ...job.data, submittingSince: undefined });
      }
      throw error;
    }
    // Saved before waiting: from here on, any worker resumes this task instead of paying for another.
    await job.updateData({ ...job.data, handle, warnings });
  }
  const result = await client.wait(handle, { timeoutMs: job.data.timeoutMs, signal, onEvent });
  const store = options.storeImage;
  const saved = handle;
  const images = store
    ? await Promise.all(result.images.map((image) => store(image, { id: String(job.id), handle: saved })))
    : result.images;
  return { images, handle, warnings };
}

function reportProgress(job: Job<ImageJobData>, progress: ImageJobProgress, event: ImageGenEvent): void {
  if (event.type === "poll") progress.polls = event.polls;
  else if (event.type === "state") progress.state = event.state;
  else if (event.type === "submitted") progress.taskId = event.handle.taskId;
  else return;
  // Progress is informative: losing one update must not fail the job.
  job.updateProgress({ ...progress }).catch(() => {});
}
