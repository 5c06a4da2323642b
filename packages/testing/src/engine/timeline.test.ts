import { describe, expect, it } from "vitest";
import { buildTimeline, stateAt } from "./timeline.js";

const terminal = (state: string) => state === "success" || state === "failed";

describe("task timelines", () => {
  it("gives the queue a fifth of the time and ends in the terminal state", () => {
    const timeline = buildTimeline(1_000, 10_000, ["pending", "processing", "success"], terminal);
    expect(timeline.completedAt).toBe(11_000);
    expect([0, 2_999, 3_000, 10_999, 11_000, 1e12].map((t) => stateAt(timeline, 1_000 + t - 1_000))).toEqual([
      "pending",
      "pending",
      "processing",
      "processing",
      "success",
      "success",
    ]);
  });

  it("never finishes when the last state is not terminal", () => {
    const timeline = buildTimeline(0, 10_000, ["pending", "processing"], terminal);
    expect(timeline.completedAt).toBeUndefined();
    expect(stateAt(timeline, 1e12)).toBe("processing");
  });

  it("holds a single state for the whole duration", () => {
    const timeline = buildTimeline(0, 10_000, ["processing", "failed"], terminal);
    expect([stateAt(timeline, 9_999), stateAt(timeline, 10_000)]).toEqual(["processing", "failed"]);
  });

  it("is terminal at once when the only state is terminal", () => {
    expect(stateAt(buildTimeline(0, 10_000, ["success"], terminal), 0)).toBe("success");
  });
});
