import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { downloadImage, type ImageResult } from "@org/imagegen-core";
import { safeName } from "./handle-file.js";

export interface SavedImage {
  url: string;
  file: string;
  mediaType: string;
  bytes: number;
}

const EXTENSIONS: Readonly<Record<string, string>> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
  "image/gif": "gif",
};

/** Downloads every image of a result (without the API key) and writes it under `outDir`. */
export async function saveImages(outDir: string, result: ImageResult): Promise<SavedImage[]> {
  await mkdir(outDir, { recursive: true });
  const base = safeName(result.handle.taskId);
  return Promise.all(
    result.images.map(async (image, index) => {
      const { bytes, mediaType } = await downloadImage(image);
      const suffix = result.images.length > 1 ? `-${index + 1}` : "";
      const file = join(outDir, `${base}${suffix}.${EXTENSIONS[mediaType] ?? "bin"}`);
      await writeFile(file, bytes);
      return { url: image.url, file, mediaType, bytes: bytes.byteLength };
    }),
  );
}
