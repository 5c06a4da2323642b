import type { ImageResult, PollOptions, TaskHandle } from "@org/imagegen-core";
import { createProgress } from "../cli/live-progress.js";
import type { DemoSetup } from "./demo-setup.js";
import { type SavedImage, saveImages } from "./save-images.js";

export interface TaskOutcome {
  result: ImageResult;
  saved: SavedImage[];
}

export interface RunOptions {
  outDir: string;
  signal: AbortSignal;
  /** Show live progress on stderr (off for `--json`). */
  progress: boolean;
  timeoutMs?: number | undefined;
  /** Default: the schedule matched to the model's vendor (see `DemoSetup.pollFor`). */
  poll?: PollOptions | undefined;
}

/** Waits for a submitted task with live progress, then downloads and saves its images. */
export async function waitAndSave(
  setup: DemoSetup,
  handle: TaskHandle,
  options: RunOptions,
): Promise<TaskOutcome> {
  const progress = options.progress
    ? createProgress(process.stderr, Date.parse(handle.submittedAt))
    : undefined;
  const model = `${handle.provider}:${handle.model}`;
  let result: ImageResult;
  try {
    result = await setup.client.wait(handle, {
      signal: options.signal,
      timeoutMs: options.timeoutMs,
      poll: options.poll ?? setup.pollFor(model),
      onEvent: progress?.onEvent,
    });
  } finally {
    progress?.stop();
  }
  return { result, saved: await saveImages(options.outDir, result) };
}
