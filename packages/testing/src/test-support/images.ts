import jpeg from "jpeg-js";
import { PNG } from "pngjs";

/** Decodes a PNG or JPEG the way an image viewer would; throws if the bytes are not a valid image. */
export function decodeImage(bytes: ArrayBuffer, mediaType: string | null) {
  const buffer = Buffer.from(bytes);
  if (mediaType === "image/png") {
    const png = PNG.sync.read(buffer);
    return { format: "png", width: png.width, height: png.height };
  }
  if (mediaType === "image/jpeg") {
    const image = jpeg.decode(buffer, { useTArray: true });
    return { format: "jpeg", width: image.width, height: image.height };
  }
  throw new Error(`not an image: ${mediaType}`);
}
