import * as z from "zod/mini";
import { ValidationError } from "../errors/errors.js";
import type { ValidationIssue } from "../model/validation-issue.js";
import { isImageType, sniffImageType } from "../shared/media-type.js";

/** Image bytes with their media type, e.g. `{ data: pngBytes, mediaType: "image/png" }`. */
export interface ReferenceBytes {
  data: Uint8Array;
  mediaType: string;
}

/**
 * A reference image: a public http(s) URL as the vendors take it, or bytes (a `data:` URL, a `Blob`, a
 * `Uint8Array`, `{ data, mediaType }`) that the client's `upload` hook turns into one before the submit.
 */
export type ReferenceImage = string | Blob | Uint8Array | ReferenceBytes;

const ACCEPTED =
  "must be an http(s) URL, a data: URL, a Blob, a Uint8Array or { data: Uint8Array, mediaType: string }";

// Any Uint8Array, whatever backs it: `z.instanceof` would type it as backed by an ArrayBuffer only.
const bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array);

export const referenceImageSchema = z.union(
  [
    z.url({ protocol: /^https?$/ }),
    z.string().check(z.startsWith("data:")),
    z.instanceof(Blob),
    bytes,
    z.strictObject({ data: bytes, mediaType: z.string() }),
  ],
  { error: ACCEPTED },
);

/** A reference given as bytes, read and typed; a Blob without an image type is sniffed when it is read. */
export type PendingUpload = {
  /** Its position in `referenceImages`, which the uploaded URL takes. */
  index: number;
} & PendingBytes;

type PendingBytes = { data: Uint8Array; mediaType: string } | { data: Blob; mediaType: string | undefined };

export interface ReadReferences {
  /** The URLs in order; an upload's position holds `""` until its URL is known. */
  urls: string[];
  uploads: PendingUpload[];
}

const UNRECOGNISED =
  "is not a recognisable image (PNG, JPEG, GIF or WebP); pass { data, mediaType } with an image/* type";

/**
 * Splits schema-valid references into URLs and bytes to upload, decoding `data:` URLs and typing the bytes.
 * Throws `ValidationError` (nothing sent) for unreadable bytes, or for bytes when the client has no `upload`.
 */
export function readReferences(references: readonly ReferenceImage[], canUpload: boolean): ReadReferences {
  const issues: ValidationIssue[] = [];
  const urls: string[] = [];
  const uploads: PendingUpload[] = [];
  references.forEach((reference, index) => {
    if (typeof reference === "string" && !reference.startsWith("data:")) {
      urls.push(reference);
      return;
    }
    urls.push("");
    const read = readBytes(reference);
    if (typeof read === "string") issues.push({ path: `referenceImages.${index}`, message: read });
    else uploads.push({ index, ...read });
  });
  if (uploads.length > 0 && !canUpload) {
    issues.push({
      path: "referenceImages",
      message:
        "images given as bytes need the client option `upload` (a function that stores a file and returns " +
        "its public URL), and none is configured; pass createImageClient({ upload }) or give URLs",
    });
  }
  if (issues.length > 0) {
    const summary = issues.map((issue) => `${issue.path}: ${issue.message}`).join("; ");
    throw new ValidationError(`Invalid request: ${summary}. Nothing was sent.`, { issues });
  }
  return { urls, uploads };
}

/** The bytes and their image type, or why they cannot be used. */
function readBytes(reference: ReferenceImage): PendingBytes | string {
  if (reference instanceof Blob) {
    if (reference.size === 0) return "is empty";
    return { data: reference, mediaType: isImageType(reference.type) ? reference.type : undefined };
  }
  const bytes = typeof reference === "string" ? decodeDataUrl(reference) : reference;
  if (typeof bytes === "string") return bytes;
  const { data, mediaType: declared } = bytes instanceof Uint8Array ? { data: bytes, mediaType: "" } : bytes;
  if (data.byteLength === 0) return "is empty";
  const mediaType = isImageType(declared) ? declared.trim() : sniffImageType(data);
  return mediaType === undefined ? UNRECOGNISED : { data, mediaType };
}

/** `data:[<type>][;base64],<data>` as bytes and the declared type, or why it is not one. */
function decodeDataUrl(url: string): ReferenceBytes | string {
  const match = /^data:([^,]*),(.*)$/s.exec(url);
  if (!match) return "is not a valid data: URL (data:[<type>][;base64],<data>)";
  const [type = "", ...params] = (match[1] ?? "").split(";");
  const payload = match[2] ?? "";
  try {
    if (params.some((param) => param.trim().toLowerCase() === "base64")) {
      const binary = atob(payload.replace(/\s+/g, ""));
      return { data: Uint8Array.from(binary, (char) => char.charCodeAt(0)), mediaType: type };
    }
    return { data: new TextEncoder().encode(decodeURIComponent(payload)), mediaType: type };
  } catch {
    return "is a data: URL whose data cannot be decoded";
  }
}
