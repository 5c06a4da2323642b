import type { ViteUserConfig } from "vitest/config";

export interface CoverageSettings {
  /** Files beyond tests, test support and `src/index.ts` that hold no code to cover. */
  exclude?: string[];
  /** Global percentages, and per-file ones keyed by path. */
  thresholds: Record<string, unknown>;
}

/**
 * What every package's vitest config shares: tests beside the code, a JSON report for the suite total and a hang
 * guard; with `coverage`, v8 coverage of `src` at the thresholds given.
 */
export function packageTestConfig(coverage?: CoverageSettings): ViteUserConfig;
