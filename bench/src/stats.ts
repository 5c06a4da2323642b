/** The q-quantile (0–1) of the values, nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}

export function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

export const round = (value: number, digits = 2) => Number(value.toFixed(digits));

/** Several runs of one figure: how many, and their least, median and greatest value. */
export interface Spread {
  runs: number;
  min: number;
  median: number;
  max: number;
}

export function spread(values: readonly number[], digits = 2): Spread {
  return {
    runs: values.length,
    min: round(Math.min(...values), digits),
    median: round(quantile(values, 0.5), digits),
    max: round(Math.max(...values), digits),
  };
}
