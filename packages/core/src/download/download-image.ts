import { callWithRetry } from "../calls/call-with-retry.js";
import { checkRetryOptions, DEFAULT_RETRY_OPTIONS, type RetryOptions } from "../calls/retry-policy.js";
import { ProviderError, RateLimitError, ValidationError } from "../errors/errors.js";
import type { GeneratedImage } from "../model/task.js";
import { parseRetryAfter } from "../provider/http-errors.js";
import { systemClock } from "../shared/clock.js";
import { timeoutProblem } from "../shared/durations.js";
import { sniffImageType } from "../shared/media-type.js";
import { withOverrides } from "../shared/overrides.js";
import { readLimited } from "../shared/read-limited.js";

export interface DownloadOptions {
  /** Larger images are refused without being held in memory. Default 50 MiB. */
  maxBytes?: number | undefined;
  signal?: AbortSignal | undefined;
  /** Deadline of each attempt, body included (`Infinity`: none). Default 60 seconds. */
  timeoutMs?: number | undefined;
  /** 429, 5xx, network failures and timeouts are tried again (a download is safe to repeat); default 4 attempts. */
  retry?: RetryOptions | undefined;
  fetch?: typeof globalThis.fetch | undefined;
}

export interface DownloadedImage {
  bytes: Uint8Array;
  /** From the bytes themselves when recognisable (PNG, JPEG, WebP, GIF), else the server's content type. */
  mediaType: string;
}

const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 60_000;

/** Releases a body we will not read; not awaited, since some streams settle a cancel only at their end. */
function discard(response: Response): void {
  response.body?.cancel().catch(() => {});
}

/**
 * Downloads a result image. It sends no credentials of any kind (result URLs are public and may live on
 * another host than the API), follows redirects, and refuses bodies over `maxBytes`.
 */
export async function downloadImage(
  image: GeneratedImage | string,
  options: DownloadOptions = {},
): Promise<DownloadedImage> {
  const url = typeof image === "string" ? image : image.url;
  if (!/^https?:\/\//i.test(url)) {
    throw new ValidationError(`Cannot download "${url}": only http(s) URLs are supported.`);
  }
  const timeout = options.timeoutMs === undefined ? undefined : timeoutProblem(options.timeoutMs);
  const issues = [
    ...(timeout ? [{ path: "timeoutMs", message: timeout }] : []),
    ...checkRetryOptions(options.retry, "retry"),
  ];
  if (issues.length > 0) {
    const summary = issues.map((issue) => `${issue.path} ${issue.message}`).join("; ");
    throw new ValidationError(`Invalid download options: ${summary}. Nothing was sent.`, { issues });
  }
  return callWithRetry((signal) => downloadOnce(url, options, signal), {
    phase: "download",
    provider: new URL(url).host,
    retry: withOverrides(DEFAULT_RETRY_OPTIONS, options.retry),
    requestTimeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    clock: systemClock,
    random: Math.random,
    signal: options.signal ?? new AbortController().signal,
  });
}

async function downloadOnce(
  url: string,
  options: DownloadOptions,
  signal: AbortSignal,
): Promise<DownloadedImage> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const response = await (options.fetch ?? globalThis.fetch)(url, {
    signal,
    credentials: "omit",
    redirect: "follow",
    headers: { accept: "image/*" },
  });
  if (!response.ok) {
    discard(response);
    if (response.status === 429) {
      throw new RateLimitError("The image host asked us to slow down (HTTP 429).", {
        statusCode: 429,
        retryAfterMs: parseRetryAfter(response.headers.get("retry-after")),
      });
    }
    throw new ProviderError(
      `Downloading the image failed with HTTP ${response.status}. Result URLs expire: fetch the task's status ` +
        "again for a fresh one, or generate anew.",
      {
        reason: "download",
        statusCode: response.status,
        retryable: response.status >= 500,
      },
    );
  }
  const tooLarge = () =>
    new ProviderError(`The image is larger than maxBytes (${maxBytes} bytes); raise maxBytes to accept it.`, {
      reason: "too_large",
      retryable: false,
    });
  if (Number(response.headers.get("content-length") ?? 0) > maxBytes) {
    discard(response);
    throw tooLarge();
  }
  const bytes = await readLimited(response.body, maxBytes);
  if (bytes === undefined) throw tooLarge();
  const declared = response.headers.get("content-type")?.split(";")[0]?.trim();
  return { bytes, mediaType: sniffImageType(bytes) ?? declared ?? "application/octet-stream" };
}
