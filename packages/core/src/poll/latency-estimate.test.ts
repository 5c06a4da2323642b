import { describe, expect, it } from "vitest";
import { inMemoryLatencyEstimator, KEPT_DURATIONS, latencyKey } from "./latency-estimate.js";

const handle = {
  provider: "apixo",
  model: "nano-banana-pro",
  taskId: "t",
  submittedAt: "2026-01-01T00:00:00Z",
};

describe("the in-memory latency estimator", () => {
  it("gives back what it was told, ascending", async () => {
    const estimator = inMemoryLatencyEstimator();
    for (const duration of [17_000, 15_500, 19_000]) estimator.observe("k", duration);
    expect(await estimator.estimate("k")).toEqual([15_500, 17_000, 19_000]);
    expect(await estimator.estimate("other")).toEqual([]);
  });

  it(`keeps only the newest ${KEPT_DURATIONS} durations of a kind, so it follows a vendor that slows down`, async () => {
    const estimator = inMemoryLatencyEstimator();
    for (let i = 0; i < KEPT_DURATIONS; i++) estimator.observe("k", 10_000);
    for (let i = 0; i < KEPT_DURATIONS / 2; i++) estimator.observe("k", 40_000);
    const durations = await estimator.estimate("k");
    expect(durations).toHaveLength(KEPT_DURATIONS);
    expect(durations.filter((d) => d === 40_000)).toHaveLength(KEPT_DURATIONS / 2);
  });

  it("forgets the kind observed least recently once it knows 64", async () => {
    const estimator = inMemoryLatencyEstimator();
    estimator.observe("first", 1);
    estimator.observe("second", 2);
    for (let i = 0; i < 62; i++) estimator.observe(`kind ${i}`, 3);
    estimator.observe("first", 1); // used again: now the second is the oldest
    estimator.observe("one more", 4);
    expect(await estimator.estimate("first")).toEqual([1, 1]);
    expect(await estimator.estimate("second")).toEqual([]);
  });

  it("ignores durations that are not a time", async () => {
    const estimator = inMemoryLatencyEstimator();
    for (const bad of [Number.NaN, -1, Number.POSITIVE_INFINITY]) estimator.observe("k", bad);
    expect(await estimator.estimate("k")).toEqual([]);
  });
});

describe("the kind of a task", () => {
  it("is its provider, model and documented latency (which tells resolutions apart)", () => {
    const twoK = latencyKey({ ...handle, expectedLatencyMs: { min: 30_000, max: 45_000 } });
    const fourK = latencyKey({ ...handle, expectedLatencyMs: { min: 45_000, max: 60_000 } });
    expect(twoK).not.toBe(fourK);
    expect(twoK).toBe(
      latencyKey({ ...handle, taskId: "another", expectedLatencyMs: { min: 30_000, max: 45_000 } }),
    );
    expect(latencyKey(handle)).toBe("apixo:nano-banana-pro:");
  });
});
