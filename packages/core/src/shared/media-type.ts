const SIGNATURES: [string, number[], number][] = [
  ["image/png", [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 0],
  ["image/jpeg", [0xff, 0xd8, 0xff], 0],
  ["image/gif", [0x47, 0x49, 0x46, 0x38], 0],
  ["image/webp", [0x57, 0x45, 0x42, 0x50], 8],
];

/** How many leading bytes `sniffImageType` looks at. */
export const SNIFF_BYTES = 12;

/** The image type the bytes themselves say (PNG, JPEG, GIF, WebP), or `undefined`. */
export function sniffImageType(bytes: Uint8Array): string | undefined {
  return SIGNATURES.find(([, magic, at]) => magic.every((byte, i) => bytes[at + i] === byte))?.[0];
}

/** True for an `image/…` media type. */
export function isImageType(mediaType: string | undefined): mediaType is string {
  return mediaType !== undefined && /^image\/[\w.+-]+$/i.test(mediaType.trim());
}
