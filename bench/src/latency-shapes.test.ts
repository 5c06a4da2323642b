import { describe, expect, it } from "vitest";
import { bestSchedule, runSchedule } from "./best-schedule.js";
import { drawDurations, SHAPES } from "./latency-shapes.js";
import { quickstartLoop } from "./poll-strategies.js";
import { seededRandom } from "./random.js";
import { mean, quantile } from "./stats.js";

const WINDOW = { min: 15_000, max: 20_000 };
const draw = (shape: keyof typeof SHAPES) =>
  drawDurations(SHAPES[shape] as (typeof SHAPES)[string], WINDOW, 20_000, seededRandom(7));

describe("latency shapes the docs do not promise", () => {
  it("uniform stays in the window", () => {
    const d = draw("uniform");
    expect(Math.min(...d)).toBeGreaterThanOrEqual(15_000);
    expect(Math.max(...d)).toBeLessThanOrEqual(20_000);
  });
  it("lognormal is centred on the window's middle, wider with σ", () => {
    const narrow = draw("lognormal25");
    const wide = draw("lognormal50");
    expect(quantile(narrow, 0.5)).toBeGreaterThan(17_000);
    expect(quantile(narrow, 0.5)).toBeLessThan(18_000);
    expect(quantile(wide, 0.95) - quantile(wide, 0.05)).toBeGreaterThan(
      2 * (quantile(narrow, 0.95) - quantile(narrow, 0.05)),
    );
  });
  it("the tail is never faster than the minimum, and long", () => {
    const d = draw("tail");
    expect(Math.min(...d)).toBeGreaterThanOrEqual(15_000);
    expect(quantile(d, 0.95)).toBeGreaterThan(25_000);
  });
  it("a slow third takes twice the documented time", () => {
    const d = draw("slowThird");
    const slow = d.filter((x) => x >= 30_000).length / d.length;
    expect(slow).toBeGreaterThan(0.28);
    expect(slow).toBeLessThan(0.32);
    expect(d.filter((x) => x > 20_000 && x < 30_000)).toEqual([]);
  });
});

describe("the bound: the best fixed schedule for known durations", () => {
  it("polls once, right at the end, when every task takes the same time", () => {
    expect(bestSchedule(Array(100).fill(10_000), 3_000)).toEqual({ callsPerTask: 1, lagP95Ms: 0 });
  });
  it("keeps the lag limit and never needs more calls than the loop that meets it", () => {
    const d = draw("lognormal50").slice(0, 2_000);
    const loop = d.map((x) => quickstartLoop(x));
    const lagLimit = quantile(
      loop.map((o) => o.lagMs),
      0.95,
    );
    const best = bestSchedule(d, lagLimit);
    expect(best.lagP95Ms).toBeLessThanOrEqual(lagLimit);
    expect(best.callsPerTask).toBeLessThanOrEqual(mean(loop.map((o) => o.statusCalls)));
  });
  it("counts calls and lag of a schedule as a task meets it", () => {
    expect(runSchedule([5_000, 9_000], [6_000, 12_000])).toEqual({ callsPerTask: 1.5, lagP95Ms: 3_000 });
  });
});
