import { HttpResponse } from "msw";
import { type ImageSpec, MEDIA_TYPE, renderImage } from "./image-render.js";

/** Renders are costly (a 4K PNG takes most of a second), so the newest few are kept. */
const RENDER_CACHE_SIZE = 16;

/** What the CDN needs to know of a task to serve its images. */
export interface FileSource {
  readonly id: string;
  readonly images: readonly ImageSpec[];
  /** When the task succeeded; undefined while it has not. */
  readonly succeededAt: number | undefined;
  /** How long its URLs live after that. */
  readonly ttlMs: number;
}

/** The vendor's result CDN: `<filesUrl>/<taskId>/<n>.png|jpg`, public, until the URLs expire. */
export class ResultFiles {
  readonly url: string;
  #renders = new Map<string, Uint8Array>();

  constructor(url: string) {
    this.url = url.replace(/\/+$/, "");
  }

  urls(source: Pick<FileSource, "id" | "images">): string[] {
    return source.images.map(
      (image, index) => `${this.url}/${source.id}/${index}.${extension(image.format)}`,
    );
  }

  answer(source: FileSource | undefined, file: string, now: number): Response {
    const index = /^(\d+)\.(png|jpg)$/.exec(file)?.[1];
    const image = source && index !== undefined ? source.images[Number(index)] : undefined;
    const { succeededAt, ttlMs } = source ?? {};
    if (!source || !image || succeededAt === undefined || ttlMs === undefined || now >= succeededAt + ttlMs) {
      return new HttpResponse("Not Found", { status: 404, headers: { "Content-Type": "text/plain" } });
    }
    const bytes = this.#render(`${source.id}/${index}`, image);
    return new HttpResponse(bytes, {
      headers: { "Content-Type": MEDIA_TYPE[image.format], "Content-Length": String(bytes.byteLength) },
    });
  }

  clear(): void {
    this.#renders.clear();
  }

  #render(key: string, image: ImageSpec): Uint8Array {
    const cached = this.#renders.get(key);
    if (cached) return cached;
    const bytes = renderImage(image);
    if (this.#renders.size >= RENDER_CACHE_SIZE) {
      const oldest = this.#renders.keys().next().value;
      if (oldest !== undefined) this.#renders.delete(oldest);
    }
    this.#renders.set(key, bytes);
    return bytes;
  }
}

function extension(format: ImageSpec["format"]): string {
  return format === "jpeg" ? "jpg" : "png";
}
