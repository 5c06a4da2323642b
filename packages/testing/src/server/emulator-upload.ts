import { CONTROL_PATH, uploadKey } from "./emulator-control.js";

/**
 * An `upload` hook for `createImageClient` that stores a file in a loopback emulator's storage and returns its
 * URL, which the emulated vendors accept as a reference image: `upload: emulatorUpload(running.url)`.
 */
export function emulatorUpload(
  origin: string,
): (file: Blob, options?: { signal?: AbortSignal }) => Promise<string> {
  const base = origin.replace(/\/+$/, "");
  return async (file, options) => {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const response = await fetch(`${base}${CONTROL_PATH}/uploads/${uploadKey(bytes, file.type)}`, {
      method: "PUT",
      headers: { "content-type": file.type || "application/octet-stream" },
      body: bytes,
      signal: options?.signal ?? null,
    });
    if (response.status !== 201) {
      throw new Error(`The emulator at ${base} did not store the file: HTTP ${response.status}`);
    }
    return ((await response.json()) as { url: string }).url;
  };
}
