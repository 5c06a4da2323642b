import { describe, expect, it } from "vitest";
import { docsAdvice, quickstartLoop } from "./poll-strategies.js";
import { quantile } from "./stats.js";

describe("the baselines, as the vendor pages write them", () => {
  it("the quickstart loop polls every 3 s from submit until done", () => {
    expect(quickstartLoop(17_000)).toEqual({ statusCalls: 6, lagMs: 1_000 }); // 3, 6, 9, 12, 15, 18
    expect(quickstartLoop(18_000)).toEqual({ statusCalls: 6, lagMs: 0 });
    expect(quickstartLoop(1)).toEqual({ statusCalls: 1, lagMs: 2_999 });
  });

  it("the docs' advice waits for the first poll, then polls every 3 s", () => {
    expect(docsAdvice(17_000, 10_000)).toEqual({ statusCalls: 4, lagMs: 2_000 }); // 10, 13, 16, 19
    expect(docsAdvice(5_000, 10_000)).toEqual({ statusCalls: 1, lagMs: 5_000 });
  });
});

describe("quantile", () => {
  it("takes the nearest rank", () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quantile(values, 0.5)).toBe(50);
    expect(quantile(values, 0.95)).toBe(95);
    expect(quantile([3, 1, 2], 1)).toBe(3);
    expect(quantile([], 0.5)).toBeNaN();
  });
});
