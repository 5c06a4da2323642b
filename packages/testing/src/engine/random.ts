/** FNV-1a: a stable 32-bit hash, so the same prompt always renders the same picture. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: a small seeded generator, so a run with the same seed gives the same durations. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `length` random base-36 characters from the platform's cryptographic source, never from a seed: ids made with
 * it do not repeat across emulators, runs or restarts, so a handle kept from an earlier run never names a new task.
 */
export function randomBase36(length: number): string {
  let text = "";
  while (text.length < length) {
    for (const byte of crypto.getRandomValues(new Uint8Array(length))) {
      // 252 = 7 × 36: dropping the top four values keeps every character equally likely.
      if (byte < 252 && text.length < length) text += (byte % 36).toString(36);
    }
  }
  return text;
}
