/** A typical latency as a model page documents it. */
export interface Window {
  min: number;
  max: number;
}

/**
 * How task durations spread, relative to the documented window. The docs promise only the window; real
 * vendors have spread, tails and slow periods, and a schedule tuned to the window must survive them.
 */
export interface LatencyShape {
  id: string;
  label: string;
  draw(window: Window, random: () => number): number;
}

/** A standard normal variate (Box–Muller), from two uniform ones. */
function normal(random: () => number): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

const uniform = ({ min, max }: Window, random: () => number) => min + (max - min) * random();

const lognormal = (sigma: number): LatencyShape => ({
  id: `lognormal-${sigma}`,
  label: `lognormal σ ${sigma}`,
  // Median at the middle of the window: σ 0.25 puts 90 % of tasks within ×/÷ 1.5 of it, σ 0.5 within ×/÷ 2.3.
  draw: ({ min, max }, random) => ((min + max) / 2) * Math.exp(sigma * normal(random)),
});

export const SHAPES: Record<string, LatencyShape> = {
  uniform: { id: "uniform", label: "uniform in the window", draw: uniform },
  lognormal25: lognormal(0.25),
  lognormal50: lognormal(0.5),
  tail: {
    id: "tail",
    label: "tail above the minimum",
    // Never faster than the documented minimum, exponentially slower beyond it: 63 % within the window,
    // 5 % past three window-widths above the minimum.
    draw: ({ min, max }, random) => min - (max - min) * Math.log(1 - random()),
  },
  slowThird: {
    id: "30pct-2x",
    label: "30 % of tasks at 2×",
    // A slow period or a slow route for some tasks: 30 % take twice the documented time.
    draw: (window, random) => (random() < 0.3 ? 2 : 1) * uniform(window, random),
  },
};

/** `count` durations of a shape, rounded to whole ms. */
export function drawDurations(shape: LatencyShape, window: Window, count: number, random: () => number) {
  return Array.from({ length: count }, () => Math.max(1, Math.round(shape.draw(window, random))));
}
