/** The long-ish side of a square image at each resolution tier. */
const TIER_SIDE: Readonly<Record<string, number>> = { "1k": 1024, "2k": 2048, "4k": 4096 };

export interface ImageSize {
  readonly width: number;
  readonly height: number;
}

/**
 * Pixel size for an aspect ratio and resolution tier: about side² pixels in the requested shape, each side a
 * multiple of 16. `auto`, a missing or an unreadable ratio gives a square; a missing tier is 1K.
 */
export function imageSize(aspectRatio: string | undefined, resolution: string | undefined): ImageSize {
  const side = TIER_SIDE[(resolution ?? "1k").toLowerCase()] ?? 1024;
  const [w, h] = (aspectRatio ?? "").split(":").map(Number);
  const ratio = w && h && Number.isFinite(w / h) ? w / h : 1;
  return { width: roundTo16(side * Math.sqrt(ratio)), height: roundTo16(side / Math.sqrt(ratio)) };
}

function roundTo16(value: number): number {
  return Math.max(16, Math.round(value / 16) * 16);
}
