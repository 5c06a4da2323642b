import { ImageGenError, UploadError, ValidationError } from "../errors/errors.js";
import type { TaskLifecycle } from "../lifecycle/task-lifecycle.js";
import type { Logger } from "../model/logger.js";
import type { PreparedRequest } from "../request/prepare-request.js";
import type { PendingUpload } from "../request/reference-images.js";
import { abortable, type Deadline } from "../shared/deadline.js";
import { SNIFF_BYTES, sniffImageType } from "../shared/media-type.js";

/**
 * Stores one reference image where the vendor can fetch it and returns its public http(s) URL, e.g.
 * `(file) => fal.storage.upload(file)` or `presignedUpload({ presign })`. `file.type` is its image type.
 */
export type UploadHook = (file: Blob, options: { signal: AbortSignal }) => Promise<URL | string>;

/**
 * Uploads the request's byte references through the hook, all at once, under the call's deadline, and puts
 * each URL in its slot. If one fails the others are cancelled and nothing is submitted (`UploadError`);
 * an abort or an expired deadline rejects with the deadline's reason, as every step of a call does.
 */
export async function uploadReferences(
  prepared: PreparedRequest,
  { upload, logger }: { upload: UploadHook | undefined; logger: Logger },
  deadline: Deadline,
  lifecycle: TaskLifecycle,
): Promise<PreparedRequest> {
  // prepareRequest has refused bytes already when the client has no hook.
  if (prepared.uploads.length === 0 || upload === undefined) return prepared;
  const stage = new AbortController();
  const onAbort = () => stage.abort(deadline.signal.reason);
  deadline.signal.addEventListener("abort", onAbort, { once: true });
  try {
    // Every file is read and typed before the first upload starts, so a bad one sends nothing at all.
    const files = await Promise.all(
      prepared.uploads.map((pending) => abortable(toFile(pending), stage.signal)),
    );
    const urls = await Promise.all(
      files.map((file, i) =>
        uploadOne(file, prepared.uploads[i]?.index ?? i, upload, stage.signal, deadline).catch((error) => {
          stage.abort(error);
          throw error;
        }),
      ),
    );
    const referenceImages = [...prepared.request.referenceImages];
    prepared.uploads.forEach(({ index }, i) => {
      referenceImages[index] = urls[i] ?? "";
    });
    return { ...prepared, request: { ...prepared.request, referenceImages }, uploads: [] };
  } catch (error) {
    if (UploadError.isInstance(error)) {
      logger.warn?.("reference image upload failed; nothing was submitted", {
        index: error.index,
        error: error.message,
      });
    }
    lifecycle.endBeforeTask(deadline);
    throw error;
  } finally {
    deadline.signal.removeEventListener("abort", onAbort);
  }
}

async function uploadOne(
  file: Blob,
  index: number,
  upload: UploadHook,
  signal: AbortSignal,
  deadline: Deadline,
): Promise<string> {
  let returned: unknown;
  try {
    returned = await abortable(
      Promise.resolve().then(() => upload(file, { signal })),
      signal,
    );
  } catch (error) {
    if (deadline.signal.aborted) throw deadline.signal.reason;
    if (UploadError.isInstance(error)) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new UploadError(
      `Uploading reference image ${index} failed (${redactUrls(detail)}). Nothing was submitted; check the ` +
        "client's `upload` hook and try again.",
      { index, retryable: ImageGenError.isInstance(error) ? error.retryable : true, cause: error },
    );
  }
  const url = returned instanceof URL ? returned.href : returned;
  if (typeof url !== "string" || !URL.canParse(url) || !/^https?:$/i.test(new URL(url).protocol)) {
    // The value itself is not repeated: it may be a signed URL.
    throw new UploadError(
      `The upload hook returned something other than an http(s) URL for reference image ${index}. ` +
        "Nothing was submitted; it must resolve to the file's public URL (a string or URL).",
      { index, retryable: false },
    );
  }
  return url;
}

/** A pending reference as the Blob the hook receives, typed; a Blob with no image type is sniffed. */
async function toFile(pending: PendingUpload): Promise<Blob> {
  if (pending.data instanceof Uint8Array) {
    return new Blob([pending.data as Uint8Array<ArrayBuffer>], { type: pending.mediaType as string });
  }
  const { index, data, mediaType } = pending;
  if (mediaType !== undefined) return data;
  const sniffed = sniffImageType(new Uint8Array(await data.slice(0, SNIFF_BYTES).arrayBuffer()));
  if (sniffed === undefined) {
    const message =
      `has the type "${data.type}", which is not an image, and its bytes are not a recognisable image ` +
      "(PNG, JPEG, GIF or WebP); give the Blob an image/* type";
    const path = `referenceImages.${index}`;
    throw new ValidationError(`Invalid request: ${path}: ${message}. Nothing was sent.`, {
      issues: [{ path, message }],
    });
  }
  return data.slice(0, data.size, sniffed);
}

/** Hooks often fail with their request's URL in the message, and upload URLs are often signed. */
function redactUrls(text: string): string {
  return text.replace(/\b[a-z][a-z\d+.-]*:\/\/[^\s"'<>]+/gi, "[url]");
}
