import jpeg from "jpeg-js";
import { PNG } from "pngjs";
import { CELL_HEIGHT, CELL_WIDTH, drawText, printable } from "./bitmap-font.js";
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

/**
 * Encodes a picture derived from the prompt: a two-colour gradient with soft discs, all seeded by its hash,
 * captioned with the word "emulator" and the prompt, so no one takes it for a real result or loses its request.
 */
export function renderImage(spec: ImageSpec): Uint8Array {
  const pixels = paint(spec);
  caption(pixels, spec);
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

const LABEL = "EMULATOR - a placeholder image";
const PROMPT_LINES = 3;
const WHITE = [255, 255, 255] as const;

/** The label in a band at the top, the prompt (wrapped, cut to three lines) in a band at the bottom. */
function caption(data: Uint8Array, { prompt, width, height }: ImageSpec): void {
  // About 42 characters a line at any width, so the caption reads the same on a 1K and a 4K image.
  const scale = Math.max(1, Math.floor(width / 256));
  const perLine = Math.max(1, Math.floor((width - 2 * scale * 4) / (CELL_WIDTH * scale)));
  const lineHeight = (CELL_HEIGHT + 2) * scale;
  const margin = scale * 4;
  const label = printable(LABEL).slice(0, perLine);
  shade(data, width, 0, Math.min(height, lineHeight + 2 * margin));
  drawText(data, width, height, label, { x: margin, y: margin + scale, scale, colour: WHITE });
  const lines = wrap(printable(prompt.trim()), perLine, PROMPT_LINES);
  const top = Math.max(0, height - lines.length * lineHeight - 2 * margin);
  shade(data, width, top, height);
  lines.forEach((line, i) => {
    drawText(data, width, height, line, {
      x: margin,
      y: top + margin + scale + i * lineHeight,
      scale,
      colour: WHITE,
    });
  });
}

/** Darkens rows [from, to) so white text reads on any colour. */
function shade(data: Uint8Array, width: number, from: number, to: number): void {
  for (let at = from * width * 4; at < to * width * 4; at += 4) {
    data[at] = (data[at] ?? 0) * 0.3;
    data[at + 1] = (data[at + 1] ?? 0) * 0.3;
    data[at + 2] = (data[at + 2] ?? 0) * 0.3;
  }
}

/** Words into lines of at most `perLine` characters; past `maxLines` the last line ends in "...". */
export function wrap(text: string, perLine: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    for (let rest = word; rest.length > 0; ) {
      const room = line === "" ? perLine : perLine - line.length - 1;
      if (rest.length <= room) {
        line = line === "" ? rest : `${line} ${rest}`;
        rest = "";
      } else if (line !== "") {
        lines.push(line);
        line = "";
      } else {
        lines.push(rest.slice(0, perLine));
        rest = rest.slice(perLine);
      }
    }
  }
  if (line !== "") lines.push(line);
  if (lines.length <= maxLines) return lines;
  const last = (lines[maxLines - 1] ?? "").slice(0, Math.max(0, perLine - 3));
  return [...lines.slice(0, maxLines - 1), `${last}...`];
}
