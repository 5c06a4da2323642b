import type { EventListener, ImageResult, TaskHandle } from "@org/imagegen-core";
import type { DemoSetup } from "./demo-setup.js";
import { type SavedImage, saveImages } from "./save-images.js";

export interface TaskOutcome {
  result: ImageResult;
  saved: SavedImage[];
}

export interface RunOptions {
  outDir: string;
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  /** Every event of the wait, e.g. a progress tracker's. */
  onEvent?: EventListener | undefined;
}

/** Waits for a submitted task, then downloads its images (without the API key) and saves them under `outDir`. */
export async function waitAndSave(
  setup: DemoSetup,
  handle: TaskHandle,
  options: RunOptions,
): Promise<TaskOutcome> {
  const result = await setup.client.wait(handle, {
    signal: options.signal,
    timeoutMs: options.timeoutMs,
    poll: setup.pollFor(`${handle.provider}:${handle.model}`),
    onEvent: options.onEvent,
  });
  return { result, saved: await saveImages(options.outDir, result) };
}
