import { describe, expect, it } from "vitest";
import { DEFAULT_POLL_OPTIONS } from "../model/poll-options.js";
import { MAX_TIMER_MS } from "../shared/clock.js";
import { checkPollOptions, nextPollDelay, resolvePollOptions, scaleSchedule } from "./poll-schedule.js";

const noJitter = {
  ...DEFAULT_POLL_OPTIONS,
  initialDelayMs: 10_000,
  intervalMs: 3_000,
  maxIntervalMs: 15_000,
  jitter: 0,
};
const half = () => 0.5;

describe("poll options", () => {
  it("defaults when nothing is known", () => {
    expect(resolvePollOptions(undefined)).toEqual(DEFAULT_POLL_OPTIONS);
  });
  it("polls first one interval after the low end of the typical latency", () => {
    expect(resolvePollOptions({ min: 30_000, max: 45_000 }).initialDelayMs).toBe(33_000);
    expect(resolvePollOptions({ min: 30_000, max: 45_000 }, { intervalMs: 2_000 }).initialDelayMs).toBe(
      32_000,
    );
  });
  it("keeps a first poll that any layer sets", () => {
    expect(resolvePollOptions({ min: 30_000, max: 45_000 }, { initialDelayMs: 0 }).initialDelayMs).toBe(0);
  });
  it("lets the vendor's advice, then the client's, then the call's options win", () => {
    const options = resolvePollOptions(
      { min: 30_000, max: 45_000 },
      { initialDelayMs: 10_000, intervalMs: 3_000 },
      { intervalMs: 2_000, jitter: undefined },
      undefined,
      { jitter: 0 },
    );
    expect(options).toEqual({
      initialDelayMs: 10_000,
      intervalMs: 2_000,
      maxIntervalMs: 15_000,
      jitter: 0,
      timeScale: 1,
    });
  });
});

describe("poll options are checked", () => {
  it("accepts sound values, and a first poll right after submit", () => {
    expect(checkPollOptions(undefined, "poll")).toEqual([]);
    expect(checkPollOptions({ ...DEFAULT_POLL_OPTIONS, initialDelayMs: 0, jitter: 1 }, "poll")).toEqual([]);
    expect(checkPollOptions({ timeScale: 0.001, jitter: 0 }, "poll")).toEqual([]);
  });

  it("refuses values that would poll in a tight loop, or never", () => {
    const issues = checkPollOptions(
      { initialDelayMs: -1, intervalMs: 0, maxIntervalMs: Number.NaN, jitter: 2, timeScale: 0 },
      "poll",
    );
    expect(issues).toEqual([
      { path: "poll.initialDelayMs", message: "must be a finite number of ms of 0 or more" },
      { path: "poll.intervalMs", message: "must be a finite number of ms greater than 0" },
      { path: "poll.maxIntervalMs", message: "must be a finite number of ms greater than 0" },
      { path: "poll.jitter", message: "must be a fraction from 0 to 1" },
      { path: "poll.timeScale", message: "must be a finite number greater than 0" },
    ]);
    for (const timeScale of [Number.NaN, -1, Number.POSITIVE_INFINITY]) {
      expect(checkPollOptions({ timeScale }, "poll")).toHaveLength(1);
    }
    expect(checkPollOptions({ jitter: Number.NaN }, "poll")).toHaveLength(1);
  });
});

describe("next poll delay", () => {
  const expected = { min: 15_000, max: 20_000 };

  it("waits the initial delay before the first poll", () => {
    expect(nextPollDelay({ polls: 0, elapsedMs: 0, options: noJitter, expected, random: half })).toBe(10_000);
  });
  it("counts time already elapsed since submit, so a resumed wait does not start over", () => {
    expect(nextPollDelay({ polls: 0, elapsedMs: 4_000, options: noJitter, expected, random: half })).toBe(
      6_000,
    );
    expect(nextPollDelay({ polls: 0, elapsedMs: 60_000, options: noJitter, expected, random: half })).toBe(0);
  });
  it("then polls every interval within the typical latency", () => {
    expect(nextPollDelay({ polls: 3, elapsedMs: 19_000, options: noJitter, expected, random: half })).toBe(
      3_000,
    );
  });
  it("stretches the interval with the overrun past the typical latency, up to the cap", () => {
    expect(nextPollDelay({ polls: 9, elapsedMs: 52_000, options: noJitter, expected, random: half })).toBe(
      8_000,
    );
    expect(nextPollDelay({ polls: 30, elapsedMs: 600_000, options: noJitter, expected, random: half })).toBe(
      15_000,
    );
  });
  it("keeps the plain interval when the latency is unknown", () => {
    expect(
      nextPollDelay({ polls: 9, elapsedMs: 600_000, options: noJitter, expected: undefined, random: half }),
    ).toBe(3_000);
  });
  it("spreads delays by jitter, only ever earlier, so the spread adds no detection lag", () => {
    const options = { ...noJitter, jitter: 0.1 };
    expect(nextPollDelay({ polls: 1, elapsedMs: 0, options, expected, random: () => 0 })).toBe(3_000);
    expect(nextPollDelay({ polls: 1, elapsedMs: 0, options, expected, random: () => 0.5 })).toBe(2_850);
    expect(nextPollDelay({ polls: 1, elapsedMs: 0, options, expected, random: () => 0.999_999 })).toBe(2_700);
  });
  it("counts a submit time in the future (another machine's clock running ahead) as just submitted", () => {
    const ahead = -60 * 60_000;
    expect(nextPollDelay({ polls: 0, elapsedMs: ahead, options: noJitter, expected, random: half })).toBe(
      10_000,
    );
    expect(nextPollDelay({ polls: 4, elapsedMs: ahead, options: noJitter, expected, random: half })).toBe(
      3_000,
    );
    expect(
      nextPollDelay({ polls: 0, elapsedMs: Number.NaN, options: noJitter, expected, random: half }),
    ).toBe(10_000);
  });
  it("never asks for more than one timer can wait, whatever the time scale", () => {
    const options = { ...noJitter, initialDelayMs: MAX_TIMER_MS * 4 };
    expect(nextPollDelay({ polls: 0, elapsedMs: 0, options, expected, random: half })).toBe(MAX_TIMER_MS);
  });
  it("never returns a negative delay", () => {
    const options = { ...noJitter, intervalMs: 0, jitter: 1 };
    expect(nextPollDelay({ polls: 1, elapsedMs: 0, options, expected: undefined, random: () => 0 })).toBe(0);
  });
});

describe("time scale, for emulators that run faster than the vendor", () => {
  const expected = { min: 15_000, max: 20_000 };
  it("leaves the schedule as it is at the vendor's pace", () => {
    const scaled = scaleSchedule({ ...noJitter, timeScale: 1 }, expected);
    expect(scaled).toEqual({ options: { ...noJitter, timeScale: 1 }, expected });
  });
  it("scales every delay and the typical latency by the same factor", () => {
    const scaled = scaleSchedule({ ...noJitter, timeScale: 0.01 }, expected);
    expect(scaled.options).toMatchObject({ initialDelayMs: 100, intervalMs: 30, maxIntervalMs: 150 });
    expect(scaled.expected).toEqual({ min: expected.min * 0.01, max: expected.max * 0.01 });
    expect(scaleSchedule({ ...noJitter, timeScale: 0.5 }, undefined).expected).toBeUndefined();
  });
  it("keeps the shape of the schedule: past the scaled latency the interval grows with the overrun", () => {
    const { options, expected: fast } = scaleSchedule({ ...noJitter, timeScale: 0.1 }, expected);
    const atVendorPace = nextPollDelay({
      polls: 9,
      elapsedMs: 52_000,
      options: noJitter,
      expected,
      random: half,
    });
    const scaled = nextPollDelay({ polls: 9, elapsedMs: 5_200, options, expected: fast, random: half });
    expect(scaled).toBe(atVendorPace / 10);
  });
});

describe("next poll delay on a learned plan", () => {
  const plan = [12_000, 14_700, 17_400, 20_100];
  const options = { ...noJitter, maxIntervalMs: 5_000 };
  const delay = (polls: number, elapsedMs: number, random = half, jitter = 0) =>
    nextPollDelay({ polls, elapsedMs, options: { ...options, jitter }, expected: undefined, plan, random });

  it("polls first at the plan's first time, counting time already elapsed", () => {
    expect(delay(0, 0)).toBe(12_000);
    expect(delay(0, 5_000)).toBe(7_000);
    expect(delay(0, 13_000)).toBe(0);
  });
  it("then at the plan's next time, anchored to submit rather than to the last poll", () => {
    expect(delay(1, 11_800)).toBe(2_900);
    expect(delay(2, 14_750)).toBe(2_650);
  });
  it("after a call that took long, skips a planned time closer than half an interval", () => {
    expect(delay(1, 14_000)).toBe(3_400);
  });
  it("backs off from the plan's end, up to maxIntervalMs", () => {
    expect(delay(4, 20_200)).toBe(3_000);
    expect(delay(9, 60_000)).toBe(5_000);
  });
  it("comes early by at most the jitter's share of one interval, however long the delay", () => {
    expect(delay(0, 0, () => 0.999, 0.1)).toBe(12_000 - 300);
    expect(delay(1, 11_800, () => 0.999, 0.1)).toBe(2_900 - 290);
  });
});
