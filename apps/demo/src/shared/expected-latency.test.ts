import { describe, expect, it } from "vitest";
import { describeRange, scaleLatency, scaleRange } from "./expected-latency.js";

describe("the expected duration a person is shown", () => {
  it("runs at the emulator's pace: the typical 15–20 s at 0.2 is 3–4 s", () => {
    expect(describeRange(scaleRange({ min: 15_000, max: 20_000 }, 0.2))).toBe("3–4 s");
    expect(describeRange(scaleRange({ min: 15_000, max: 20_000 }, 0.05))).toBe("0.75–1 s");
    expect(describeRange({ min: 20_000, max: 20_000 })).toBe("20 s");
  });

  it("scales each resolution's range too", () => {
    const latency = { min: 20_000, max: 60_000, byResolution: { "1K": { min: 20_000, max: 30_000 } } };
    expect(scaleLatency(latency, 0.5)).toEqual({
      min: 10_000,
      max: 30_000,
      byResolution: { "1K": { min: 10_000, max: 15_000 } },
    });
  });
});
