/** What `readBounded` read: the first bytes of a body, and whether that was all of it. */
export interface BoundedRead {
  /** The whole body when `complete`, else its first `maxBytes` bytes. */
  bytes: Uint8Array;
  complete: boolean;
}

/**
 * Reads a body up to `maxBytes`. As soon as it is larger, the stream is cancelled and what was read so far
 * (at most `maxBytes`) is returned with `complete: false`, so an oversized body is never held in memory.
 */
export async function readBounded(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<BoundedRead> {
  if (body === null) return { bytes: new Uint8Array(0), complete: true };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let complete = true;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.byteLength > maxBytes) {
      chunks.push(value.subarray(0, maxBytes - size));
      size = maxBytes;
      complete = false;
      // Not awaited: some streams settle a cancel only once their source ends.
      reader.cancel().catch(() => {});
      break;
    }
    chunks.push(value);
    size += value.byteLength;
  }
  return { bytes: concat(chunks, size), complete };
}

/** Reads a body up to `maxBytes`; `undefined` (the stream cancelled) as soon as it is larger. */
export async function readLimited(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<Uint8Array | undefined> {
  const { bytes, complete } = await readBounded(body, maxBytes);
  return complete ? bytes : undefined;
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  // One chunk is the usual case for a small answer: no copy.
  if (chunks.length === 1 && (chunks[0] as Uint8Array).byteLength === size) return chunks[0] as Uint8Array;
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
