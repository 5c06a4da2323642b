import { callWithRetry } from "../calls/call-with-retry.js";
import { checkRetryOptions, DEFAULT_RETRY_OPTIONS, type RetryOptions } from "../calls/retry-policy.js";
import { ProviderError, RateLimitError, ValidationError } from "../errors/errors.js";
import { parseRetryAfter } from "../provider/http-errors.js";
import { systemClock } from "../shared/clock.js";
import { timeoutProblem } from "../shared/durations.js";
import { withOverrides } from "../shared/overrides.js";
import { contentKey } from "./content-key.js";
import type { UploadHook } from "./upload-references.js";

/** Where one object goes: the (usually signed) PUT URL and the public URL the vendor will fetch. */
export interface PresignedTarget {
  putUrl: string | URL;
  getUrl: string | URL;
  /** Headers the PUT must carry, e.g. those its signature covers; `content-type` is always the image type. */
  headers?: Record<string, string> | undefined;
}

export interface PresignedUploadOptions {
  /**
   * Signs a PUT for the object `key` (a content hash, e.g. `"3f2a….png"`) and says its public URL. Called
   * for every upload, also of bytes stored before, so signed URLs are always fresh.
   */
  presign: (
    key: string,
    file: { mediaType: string; size: number; signal: AbortSignal },
  ) => Promise<PresignedTarget> | PresignedTarget;
  /** Put before every key, e.g. `"imagegen/references/"`. */
  keyPrefix?: string | undefined;
  /** Deadline of each PUT attempt. Default 60 seconds. */
  timeoutMs?: number | undefined;
  /** 429, 5xx, network failures and timeouts are tried again (the PUT is idempotent); default 4 attempts. */
  retry?: RetryOptions | undefined;
  fetch?: typeof globalThis.fetch | undefined;
}

/** Keys this hook has stored, so the same bytes are not sent twice; the oldest are forgotten first. */
const REMEMBERED_KEYS = 10_000;
const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * An `upload` hook for storage that takes presigned PUTs (S3, R2, GCS, …). Objects are keyed by the SHA-256
 * of their bytes: a retried request reuses the object this hook already stored instead of uploading again,
 * and a PUT repeated anywhere writes the same object. The PUT URL appears in no error, event or log line.
 */
export function presignedUpload(options: PresignedUploadOptions): UploadHook {
  checkOptions(options);
  const stored = new Set<string>();
  const retry = withOverrides(DEFAULT_RETRY_OPTIONS, options.retry);
  return async (file, { signal }) => {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const mediaType = file.type;
    const key = await contentKey(bytes, mediaType, options.keyPrefix);
    const target = await options.presign(key, { mediaType, size: bytes.byteLength, signal });
    if (!stored.has(key)) {
      const putUrl = new URL(target.putUrl);
      await callWithRetry(
        (attemptSignal) =>
          put(putUrl, bytes, { ...target.headers, "content-type": mediaType }, attemptSignal),
        {
          phase: "upload",
          provider: putUrl.host,
          retry,
          requestTimeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
          clock: systemClock,
          random: Math.random,
          signal,
        },
      );
      stored.add(key);
      if (stored.size > REMEMBERED_KEYS) stored.delete(stored.values().next().value as string);
    }
    return new URL(target.getUrl).href;
  };

  async function put(url: URL, bytes: Uint8Array, headers: Record<string, string>, signal: AbortSignal) {
    const response = await (options.fetch ?? globalThis.fetch)(url, {
      method: "PUT",
      body: bytes as Uint8Array<ArrayBuffer>,
      headers,
      signal,
      credentials: "omit",
    });
    response.body?.cancel().catch(() => {});
    if (response.ok) return;
    // Neither the URL nor the body is kept: storage errors echo the signed request (S3's StringToSign).
    const where = `Uploading a reference image to ${url.host}`;
    if (response.status === 429) {
      throw new RateLimitError(`${where} was refused with HTTP 429; slow down.`, {
        provider: url.host,
        statusCode: 429,
        retryAfterMs: parseRetryAfter(response.headers.get("retry-after")),
      });
    }
    throw new ProviderError(
      `${where} failed with HTTP ${response.status}` +
        (response.status === 403 ? " (an expired or wrongly signed PUT URL?)." : "."),
      {
        provider: url.host,
        statusCode: response.status,
        reason: response.status >= 500 ? "server" : "http",
        retryable: response.status >= 500,
      },
    );
  }
}

/** A deadline of NaN would mean none, a backoff of 0 a tight loop: refused when the hook is made. */
function checkOptions({ timeoutMs, retry }: PresignedUploadOptions): void {
  const timeout = timeoutMs === undefined ? undefined : timeoutProblem(timeoutMs);
  const issues = [
    ...(timeout ? [{ path: "timeoutMs", message: timeout }] : []),
    ...checkRetryOptions(retry, "retry"),
  ];
  if (issues.length === 0) return;
  const summary = issues.map((issue) => `${issue.path} ${issue.message}`).join("; ");
  throw new ValidationError(`Invalid presignedUpload options: ${summary}.`, { issues });
}
