import type { ImageModelV4CallOptions, ImageModelV4File, SharedV4Warning } from "@ai-sdk/provider";
import {
  type AspectRatio,
  type ImageRequest,
  type OutputFormat,
  type ReferenceImage,
  type Resolution,
  ValidationError,
} from "@org/imagegen-core";

/** Our own entry of `providerOptions`: unified options that `generateImage` has no parameter for. */
export interface ImagegenCallOptions {
  resolution?: Resolution | undefined;
  outputFormat?: OutputFormat | undefined;
  /** One deadline for each task's upload, submit and wait; the client's `timeoutMs` by default. */
  timeoutMs?: number | undefined;
}

const OWN_OPTIONS = ["resolution", "outputFormat", "timeoutMs"] as const;

/** A setting neither vendor has; the only kind of warning these models give, valid in spec v3 and v4. */
export type UnsupportedWarning = Extract<SharedV4Warning, { type: "unsupported" }>;

/** What one `doGenerate` asks of the client, and the settings it could not honour. */
export interface MappedCall {
  request: ImageRequest & { timeoutMs?: number | undefined };
  warnings: UnsupportedWarning[];
}

/**
 * Maps the AI SDK's call options onto our unified request. Values are checked by the client (a typed
 * `ValidationError`, nothing sent); settings neither vendor has become `unsupported` warnings.
 */
export function mapCallOptions(model: string, options: ImageModelV4CallOptions): MappedCall {
  const warnings: UnsupportedWarning[] = [];
  const unsupported = (feature: string, details: string) =>
    warnings.push({ type: "unsupported", feature, details });
  if (options.size !== undefined)
    unsupported("size", "not sent: use aspectRatio, and providerOptions.imagegen.resolution (1K, 2K, 4K)");
  if (options.seed !== undefined) unsupported("seed", "not sent: neither vendor takes a seed");
  if (options.mask !== undefined) unsupported("mask", "not sent: neither vendor supports inpainting masks");
  const extraHeaders = Object.entries(options.headers ?? {})
    .filter(([name, value]) => value !== undefined && name.toLowerCase() !== "user-agent")
    .map(([name]) => name);
  if (extraHeaders.length > 0) {
    // Names only: header values are often credentials.
    unsupported("headers", `not sent: ${extraHeaders.join(", ")} (the adapters send their own headers only)`);
  }
  const { imagegen: own, ...vendorOptions } = options.providerOptions;
  const { resolution, outputFormat, timeoutMs } = readOwnOptions(own);
  const files = options.files ?? [];
  const request: MappedCall["request"] = {
    model,
    prompt: options.prompt ?? "",
    ...(options.aspectRatio === undefined ? {} : { aspectRatio: options.aspectRatio as AspectRatio }),
    ...(resolution === undefined ? {} : { resolution }),
    ...(outputFormat === undefined ? {} : { outputFormat }),
    ...(files.length === 0 ? {} : { referenceImages: files.map(toReferenceImage) }),
    ...(Object.keys(vendorOptions).length === 0 ? {} : { providerOptions: vendorOptions }),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  };
  return { request, warnings };
}

/** A file of `prompt.images` as a reference: URLs as they are, bytes for the client's `upload` hook. */
function toReferenceImage(file: ImageModelV4File): ReferenceImage {
  if (file.type === "url") return file.url;
  // The AI SDK passes base64 strings through as they came; a data: URL carries them to the upload step.
  if (typeof file.data === "string") return `data:${file.mediaType};base64,${file.data}`;
  return { data: file.data, mediaType: file.mediaType };
}

function readOwnOptions(own: unknown): ImagegenCallOptions {
  if (own === undefined) return {};
  const unknownKeys =
    typeof own === "object" && own !== null && !Array.isArray(own)
      ? Object.keys(own).filter((key) => !(OWN_OPTIONS as readonly string[]).includes(key))
      : undefined;
  if (unknownKeys === undefined || unknownKeys.length > 0) {
    const issues = (unknownKeys ?? [""]).map((key) => ({
      path: `providerOptions.imagegen${key ? `.${key}` : ""}`,
      message: `${key ? "unknown option" : "must be an object"}; it takes ${OWN_OPTIONS.join(", ")}`,
    }));
    throw new ValidationError(
      `Invalid providerOptions.imagegen: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join("; ")}. ` +
        "Nothing was sent.",
      { issues },
    );
  }
  return own as ImagegenCallOptions;
}
