import { describe, expect, it } from "vitest";
import { MAX_TIMER_MS } from "./clock.js";
import { delayProblem, timeoutProblem } from "./durations.js";

describe("deadlines", () => {
  it.each([1, 30_000, 30 * 24 * 60 * 60_000, Number.POSITIVE_INFINITY])("%s ms is a deadline", (value) => {
    expect(timeoutProblem(value)).toBeUndefined();
  });

  it.each([0, -1, Number.NaN, Number.NEGATIVE_INFINITY, "30000", null])("%s is refused", (value) => {
    expect(timeoutProblem(value)).toBe("must be a number of ms greater than 0 (or Infinity for no deadline)");
  });
});

describe("delays between calls", () => {
  it.each([0.5, 3_000, MAX_TIMER_MS])("%s ms is a delay", (value) => {
    expect(delayProblem(value)).toBeUndefined();
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY, "3000"])(
    "%s is refused: a tight loop or none",
    (value) => {
      expect(delayProblem(value)).toBe("must be a finite number of ms greater than 0");
    },
  );

  it("0 only where asked for", () => {
    expect(delayProblem(0, { zero: true })).toBeUndefined();
    expect(delayProblem(-1, { zero: true })).toBe("must be a finite number of ms of 0 or more");
  });

  it("no longer than one timer can wait", () => {
    expect(delayProblem(MAX_TIMER_MS + 1)).toBe("must be at most 2147483647 (about 24.8 days)");
  });
});
