import { ProviderError, ValidationError } from "./errors.js";
import { readLimited } from "./read-limited.js";
import type { GeneratedImage } from "./task.js";

export interface DownloadOptions {
  /** Larger images are refused without being held in memory. Default 50 MiB. */
  maxBytes?: number | undefined;
  signal?: AbortSignal | undefined;
  fetch?: typeof globalThis.fetch | undefined;
}

export interface DownloadedImage {
  bytes: Uint8Array;
  /** From the bytes themselves when recognisable (PNG, JPEG, WebP, GIF), else the server's content type. */
  mediaType: string;
}

const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

const SIGNATURES: [string, number[], number][] = [
  ["image/png", [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 0],
  ["image/jpeg", [0xff, 0xd8, 0xff], 0],
  ["image/gif", [0x47, 0x49, 0x46, 0x38], 0],
  ["image/webp", [0x57, 0x45, 0x42, 0x50], 8],
];

function sniff(bytes: Uint8Array): string | undefined {
  return SIGNATURES.find(([, magic, at]) => magic.every((byte, i) => bytes[at + i] === byte))?.[0];
}

/**
 * Downloads a result image. It sends no credentials of any kind (result URLs are public and may live on
 * another host than the API), follows redirects, and refuses bodies over `maxBytes`.
 */
/** Releases a body we will not read; not awaited, since some streams settle a cancel only at their end. */
function discard(response: Response): void {
  response.body?.cancel().catch(() => {});
}

export async function downloadImage(
  image: GeneratedImage | string,
  options: DownloadOptions = {},
): Promise<DownloadedImage> {
  const url = typeof image === "string" ? image : image.url;
  if (!/^https?:\/\//i.test(url)) {
    throw new ValidationError(`Cannot download "${url}": only http(s) URLs are supported.`);
  }
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const response = await (options.fetch ?? globalThis.fetch)(url, {
    signal: options.signal ?? null,
    credentials: "omit",
    redirect: "follow",
    headers: { accept: "image/*" },
  });
  if (!response.ok) {
    discard(response);
    throw new ProviderError(
      `Downloading the image failed with HTTP ${response.status}. Result URLs expire: fetch the task's status ` +
        "again for a fresh one, or generate anew.",
      {
        reason: "download",
        statusCode: response.status,
        retryable: response.status === 429 || response.status >= 500,
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
  return { bytes, mediaType: sniff(bytes) ?? declared ?? "application/octet-stream" };
}
