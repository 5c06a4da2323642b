const EXTENSIONS: Readonly<Record<string, string>> = {
  "image/png": ".png",
  "image/jpeg": ".jpg",
  "image/webp": ".webp",
  "image/gif": ".gif",
};

/**
 * The storage key of some bytes: the hex SHA-256 of the content plus an extension for its type, so the same
 * image always lands on the same key and uploading it again never makes a second object. Web Crypto only.
 */
export async function contentKey(bytes: Uint8Array, mediaType: string, prefix = ""): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>));
  const hex = Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${prefix}${hex}${EXTENSIONS[mediaType.toLowerCase()] ?? ""}`;
}
