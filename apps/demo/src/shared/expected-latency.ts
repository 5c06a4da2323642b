/** A latency range in ms, as the capability tables and handles give it. */
export interface LatencyRange {
  min: number;
  max: number;
}

/** A range at the pace the vendor runs at here (the emulator's time scale, or 1). */
export function scaleRange({ min, max }: LatencyRange, scale: number): LatencyRange {
  return { min: Math.round(min * scale), max: Math.round(max * scale) };
}

/** A model's latency, and its latency by resolution, at that pace. */
export function scaleLatency(
  latency: LatencyRange & { byResolution?: Partial<Record<string, LatencyRange>> | undefined },
  scale: number,
): LatencyRange & { byResolution: Record<string, LatencyRange> } {
  const byResolution = Object.entries(latency.byResolution ?? {}).flatMap(([resolution, range]) =>
    range ? [[resolution, scaleRange(range, scale)] as const] : [],
  );
  return { ...scaleRange(latency, scale), byResolution: Object.fromEntries(byResolution) };
}

/** `3–4 s`, `0.75–1 s` or `20 s`: two significant digits. */
export function describeRange({ min, max }: LatencyRange): string {
  const [low, high] = [min, max].map((ms) => Number((ms / 1000).toPrecision(2)));
  return low === high ? `${low} s` : `${low}–${high} s`;
}
