import { describe, expect, it } from "vitest";
import { LEARN_AFTER, learnedPollTimes, PLAN_SPACING } from "./poll-plan.js";

const INTERVAL = 3_000;
const STEP = INTERVAL * PLAN_SPACING;
/** `n` durations spread evenly over [min, max], ascending. */
const even = (min: number, max: number, n: number) =>
  Array.from({ length: n }, (_, i) => min + ((max - min) * i) / (n - 1));

/** Share of these durations a plan sees more than one step after they ended (the plan's own tail aside). */
function lateShare(durations: number[], plan: number[]): number {
  const last = plan.at(-1) as number;
  const late = durations.filter((d) => {
    const seen = plan.find((at) => at >= d);
    return seen === undefined ? d < last : seen - d > STEP;
  });
  return late.length / durations.length;
}

describe("a poll plan learned from recent durations", () => {
  it(`waits for ${LEARN_AFTER} durations before it replaces the documented schedule`, () => {
    expect(learnedPollTimes(even(15_000, 20_000, LEARN_AFTER - 1), INTERVAL)).toBeUndefined();
    expect(learnedPollTimes(even(15_000, 20_000, LEARN_AFTER), INTERVAL)).toBeDefined();
  });

  it("polls first one step after the earliest tasks ended, then every step while tasks are ending", () => {
    const durations = even(15_000, 20_000, 200);
    const plan = learnedPollTimes(durations, INTERVAL) as number[];
    expect(plan[0]).toBeCloseTo(15_000 + 0.015 * 5_000 + STEP, -2);
    const gaps = plan.slice(1).map((at, i) => at - (plan[i] as number));
    for (const gap of gaps) expect(gap).toBeCloseTo(STEP, 6);
    // It ends where the last few per cent of tasks are left to the back-off.
    expect(plan.at(-1)).toBeGreaterThan(19_000);
    expect(plan.at(-1)).toBeLessThan(20_000 + STEP);
  });

  it("follows tasks that are faster than documented", () => {
    const plan = learnedPollTimes(even(6_000, 9_000, 100), INTERVAL) as number[];
    expect(plan[0]).toBeLessThan(6_000 + STEP + 100);
  });

  it("jumps over a stretch in which no task ended (a slow third of tasks at twice the time)", () => {
    const durations = [...even(15_000, 20_000, 140), ...even(30_000, 40_000, 60)];
    const plan = learnedPollTimes(durations, INTERVAL) as number[];
    const inGap = plan.filter((at) => at > 20_000 + STEP && at < 30_000);
    expect(inGap).toEqual([]);
    expect(plan.some((at) => at > 30_000 && at <= 30_000 + STEP)).toBe(true);
  });

  it("sees at most 5 % of tasks more than one step late, on spread-out durations too", () => {
    // A long tail: from 5 s, half done by 10.5 s, 5 % past 29 s, the slowest near 50 s.
    const durations = Array.from({ length: 256 }, (_, i) => 5_000 - 8_000 * Math.log(1 - (i + 0.5) / 256));
    const plan = learnedPollTimes(durations, INTERVAL) as number[];
    expect(lateShare(durations, plan)).toBeLessThanOrEqual(0.05);
    expect(plan[0]).toBeLessThan(10_000);
  });

  it("never plans more than 200 polls", () => {
    const durations = even(0, 10_000_000, 256);
    expect((learnedPollTimes(durations, INTERVAL) as number[]).length).toBeLessThanOrEqual(200);
  });
});
