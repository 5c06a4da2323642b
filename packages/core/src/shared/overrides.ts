/** Options as callers give them: any subset, `undefined` meaning "keep what the layer below says". */
export type Overrides<T> = { [K in keyof T]?: T[K] | undefined };

/** Layers settings over defaults, later layers winning, `undefined` values skipped. */
export function withOverrides<T extends object>(defaults: T, ...layers: (Overrides<T> | undefined)[]): T {
  const merged = { ...defaults };
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer ?? {})) {
      if (value !== undefined) merged[key as keyof T] = value as T[keyof T];
    }
  }
  return merged;
}
