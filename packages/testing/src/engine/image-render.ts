import jpeg from "jpeg-js";
import { PNG } from "pngjs";
import type { ImageSize } from "./image-size.js";
import { hashString, seededRandom } from "./random.js";

export type ImageFormat = "png" | "jpeg";

/** Everything that decides the picture, so equal specs render equal bytes. */
export interface ImageSpec extends ImageSize {
  readonly prompt: string;
  readonly format: ImageFormat;
}

export const MEDIA_TYPE: Readonly<Record<ImageFormat, string>> = { png: "image/png", jpeg: "image/jpeg" };

const JPEG_QUALITY = 85;

/** Encodes a picture derived from the prompt: a two-colour gradient with soft discs, all seeded by its hash. */
export function renderImage(spec: ImageSpec): Uint8Array {
  const pixels = paint(spec);
  if (spec.format === "jpeg") {
    return jpeg.encode({ data: pixels, width: spec.width, height: spec.height }, JPEG_QUALITY).data;
  }
  const png = new PNG({ width: spec.width, height: spec.height, colorType: 2 });
  png.data = Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength);
  // The sub filter and a light deflate keep a 4K render well under a second.
  return PNG.sync.write(png, { colorType: 2, filterType: 1, deflateLevel: 1 });
}

interface Disc {
  x: number;
  y: number;
  radius2: number;
  colour: readonly [number, number, number];
}

function paint({ prompt, width, height }: ImageSpec): Uint8Array {
  const random = seededRandom(hashString(prompt));
  const colour = () => [random() * 255, random() * 255, random() * 255] as const;
  const [from, to] = [colour(), colour()];
  const discs: Disc[] = Array.from({ length: 3 }, () => {
    const radius = (0.1 + random() * 0.25) * Math.min(width, height);
    return { x: random() * width, y: random() * height, radius2: radius * radius, colour: colour() };
  });
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = (x / width + y / height) / 2;
      let r = from[0] + (to[0] - from[0]) * t;
      let g = from[1] + (to[1] - from[1]) * t;
      let b = from[2] + (to[2] - from[2]) * t;
      for (const disc of discs) {
        const d2 = (x - disc.x) ** 2 + (y - disc.y) ** 2;
        if (d2 < disc.radius2) {
          const mix = 0.7 * (1 - d2 / disc.radius2);
          r += (disc.colour[0] - r) * mix;
          g += (disc.colour[1] - g) * mix;
          b += (disc.colour[2] - b) * mix;
        }
      }
      const at = (y * width + x) * 4;
      data[at] = r;
      data[at + 1] = g;
      data[at + 2] = b;
      data[at + 3] = 255;
    }
  }
  return data;
}
