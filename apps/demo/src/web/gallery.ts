import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ImageResult } from "@org/imagegen-core";
import { safeName } from "../shared/handle-file.js";
import type { SavedImage } from "../shared/save-images.js";

export interface GalleryItem {
  src: string;
  prompt: string;
  model: string;
  createdAt: string;
}

const IMAGE_FILE = /^[\w.-]+\.(png|jpg|webp|gif)$/;
const MEDIA_TYPES: Readonly<Record<string, string>> = {
  png: "image/png",
  jpg: "image/jpeg",
  webp: "image/webp",
  gif: "image/gif",
};

/** Results saved on local disk (result URLs expire), with a small JSON note per task saying what they show. */
export class Gallery {
  /** `dir` is where the images are saved (see `waitAndSave`) and the notes are kept. */
  constructor(readonly dir: string) {}

  /** Notes what the saved images of a result show; returns them as the page lists them. */
  async add(result: ImageResult, saved: readonly SavedImage[], prompt: string): Promise<GalleryItem[]> {
    const model = `${result.handle.provider}:${result.handle.model}`;
    const createdAt = new Date().toISOString();
    const items = saved.map(({ file }) => ({
      src: `/gallery/${file.split(/[\\/]/).pop()}`,
      prompt,
      model,
      createdAt,
    }));
    await writeFile(join(this.dir, `${safeName(result.handle.taskId)}.json`), JSON.stringify(items));
    return items;
  }

  /** Newest first. */
  async list(): Promise<GalleryItem[]> {
    const names = await readdir(this.dir).catch(() => []);
    const notes = await Promise.all(
      names
        .filter((name) => name.endsWith(".json") && !name.endsWith(".handle.json"))
        .map(async (name) => JSON.parse(await readFile(join(this.dir, name), "utf8")) as GalleryItem[]),
    );
    return notes.flat().sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /** One saved image by file name; undefined for any other name, so no path escapes the folder. */
  async file(name: string): Promise<{ bytes: Buffer; mediaType: string } | undefined> {
    const match = IMAGE_FILE.exec(name);
    if (!match?.[1]) return undefined;
    const bytes = await readFile(join(this.dir, name)).catch(() => undefined);
    return bytes && { bytes, mediaType: MEDIA_TYPES[match[1]] ?? "application/octet-stream" };
  }
}
