import type { ImageModelV4, ImageModelV4CallOptions } from "@ai-sdk/provider";
import {
  type DownloadOptions,
  downloadImage,
  type EventListener,
  type ImageClient,
  type TaskHandle,
  type Warning,
} from "@org/imagegen-core";
import { mapCallOptions, type UnsupportedWarning } from "./imagegen-call-options.js";
import { batchFor, rememberFailure } from "./submitted-handles.js";

/** How the models of `imagegen(client, settings)` fetch results and report progress. */
export interface ImagegenSettings {
  /** Passed to `downloadImage` for every result image (`maxBytes`, `timeoutMs`, `retry`, `fetch`). */
  download?: Omit<DownloadOptions, "signal"> | undefined;
  /** Every event of every task, as the client's `onEvent`; `submitted` carries the handle to persist. */
  onEvent?: EventListener | undefined;
}

/** What `providerMetadata.imagegen.images[i]` says about image `i`: enough to find or resume its task. */
export interface ImagegenImageMetadata {
  /** The task's handle: `client.wait(handle)` resumes it from any process. */
  handle: TaskHandle;
  /** The vendor's URL of the image (it expires: see `expiresAt`, when the vendor documents it). */
  url: string;
  expiresAt?: string | undefined;
  /** The downloaded image's media type, read from its bytes. */
  mediaType: string;
}

/** JSON typed so that it is valid in spec v3 (`ai` 6) and v4 (`ai` 7) alike, whose JSON types differ. */
type Json = null | string | number | boolean | Json[] | { [key: string]: Json | undefined };

/** What `doGenerate` resolves with: a valid result of spec v4 and of spec v3. */
export interface ImagegenGenerateResult {
  /** Downloaded bytes, never URLs: the AI SDK reads strings as base64. */
  images: Uint8Array[];
  /** An empty result would be retried by generateImage, and a retry pays again. */
  isRetryable: false;
  warnings: UnsupportedWarning[];
  /** `imagegen.images[i]` is an `ImagegenImageMetadata` for image `i`. */
  providerMetadata: { imagegen: { images: Json[] } };
  response: { timestamp: Date; modelId: string; headers: undefined };
}

interface TaskImages {
  bytes: Uint8Array[];
  /** `ImagegenImageMetadata`, as plain JSON. */
  metadata: Json[];
  warnings: Warning[];
}

/**
 * One configured model as an AI SDK image model (spec v4). Each image is one vendor task: submitted once,
 * waited for, downloaded here, since the AI SDK reads strings as base64. Errors are the client's typed
 * errors, unchanged; none is an `APICallError`, so `generateImage` never retries (never re-submits) them.
 */
export class ImagegenImageModel implements ImageModelV4 {
  readonly specificationVersion = "v4";
  readonly provider: string;
  /** One task makes one image; `generateImage` runs `n` tasks in parallel. */
  readonly maxImagesPerCall = 1;
  /** Known for the models the adapter lists; left out for pass-through models. */
  readonly supportsFileInputs?: boolean;
  readonly supportsMaskInputs = false;

  constructor(
    private readonly client: ImageClient,
    readonly modelId: string,
    private readonly settings: ImagegenSettings = {},
  ) {
    const [provider] = modelId.split(":");
    this.provider = `imagegen.${provider}`;
    const listed = client.models().find((model) => model.id === modelId);
    if (listed) this.supportsFileInputs = listed.capabilities.modes.includes("image-to-image");
  }

  async doGenerate(options: ImageModelV4CallOptions): Promise<ImagegenGenerateResult> {
    const batch = batchFor(options.headers);
    const mapped = (() => {
      try {
        return mapCallOptions(this.modelId, options);
      } catch (error) {
        throw rememberFailure(error, batch);
      }
    })();
    const tasks = Array.from({ length: Math.max(1, options.n) }, () =>
      this.runTask(mapped.request, options.abortSignal, batch),
    );
    const settled = await Promise.allSettled(tasks);
    const failed = settled.find((outcome) => outcome.status === "rejected");
    if (failed) throw rememberFailure(failed.reason, batch);
    const done = settled.map((outcome) => (outcome as PromiseFulfilledResult<TaskImages>).value);
    return {
      images: done.flatMap((task) => task.bytes),
      isRetryable: false,
      warnings: [...mapped.warnings, ...sameOnce(done.flatMap((task) => task.warnings)).map(toSdkWarning)],
      providerMetadata: { imagegen: { images: done.flatMap((task) => task.metadata) } },
      response: { timestamp: new Date(), modelId: this.modelId, headers: undefined },
    };
  }

  /** One task from submit to downloaded bytes; its handle joins the call's batch the moment it exists. */
  private async runTask(
    request: ReturnType<typeof mapCallOptions>["request"],
    signal: AbortSignal | undefined,
    batch: TaskHandle[],
  ): Promise<TaskImages> {
    const result = await this.client.generate({
      ...request,
      signal,
      onEvent: (event) => {
        if (event.type === "submitted") batch.push(event.handle);
        this.settings.onEvent?.(event);
      },
    });
    const fetched = await Promise.all(
      result.images.map(async (image) => ({
        image,
        download: await downloadImage(image, { ...this.settings.download, signal }),
      })),
    );
    const metadata = fetched.map(
      ({ image, download }): ImagegenImageMetadata => ({
        handle: result.handle,
        url: image.url,
        expiresAt: image.expiresAt,
        mediaType: download.mediaType,
      }),
    );
    return {
      bytes: fetched.map(({ download }) => download.bytes),
      // Plain JSON for providerMetadata: fields that are undefined are left out.
      metadata: JSON.parse(JSON.stringify(metadata)) as Json[],
      warnings: result.warnings,
    };
  }
}

/** Every task of a call gets the same request, so the same warnings: each is reported once. */
function sameOnce(warnings: Warning[]): Warning[] {
  return [...new Map(warnings.map((warning) => [warning.message, warning])).values()];
}

/** Our warning (an option the vendor lacks, dropped) in the AI SDK's words. */
function toSdkWarning(warning: Warning): UnsupportedWarning {
  return { type: "unsupported", feature: warning.option, details: warning.message };
}
