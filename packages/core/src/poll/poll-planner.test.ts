import { describe, expect, it, vi } from "vitest";
import type { TaskStatus } from "../model/task.js";
import type { Clock } from "../shared/clock.js";
import { inMemoryLatencyEstimator, type LatencyEstimator } from "./latency-estimate.js";
import { LEARN_AFTER } from "./poll-plan.js";
import { type PollPlannerInput, planPolls, pollTimeScale } from "./poll-planner.js";

const SUBMITTED = Date.parse("2026-01-01T00:00:00Z");

/** A clock that only moves when told to: the planner reads `now` and sets no timer of its own. */
function manualClock(at = SUBMITTED): Clock & { advance(ms: number): void } {
  let now = at;
  return {
    now: () => now,
    setTimeout: () => undefined,
    clearTimeout: () => {},
    advance: (ms) => {
      now += ms;
    },
  };
}

const capabilities = {
  modes: ["text-to-image"] as const,
  promptLength: { min: 1, max: 1_000 },
  maxReferenceImages: 0,
  aspectRatios: undefined,
  resolutions: undefined,
  outputFormats: undefined,
  latencyMs: { min: 10_000, max: 20_000 },
};

function input(overrides: Partial<PollPlannerInput> = {}): PollPlannerInput {
  return {
    handle: { provider: "acme", model: "m", taskId: "t", submittedAt: new Date(SUBMITTED).toISOString() },
    capabilities,
    chosen: [{ jitter: 0 }],
    latency: inMemoryLatencyEstimator(),
    logger: {},
    clock: manualClock(),
    random: () => 0,
    ...overrides,
  };
}

const status = (state: TaskStatus["state"], durationMs?: number): TaskStatus => ({
  taskId: "t",
  state,
  images: [],
  failure: undefined,
  createdAt: undefined,
  completedAt: undefined,
  durationMs,
  raw: {},
});

describe("one planner per wait", () => {
  it("polls first one interval after the documented low end, then every interval", async () => {
    const clock = manualClock();
    const planner = await planPolls(input({ clock }));
    expect(planner.nextDelay()).toBe(13_000);
    clock.advance(13_000);
    planner.observe(status("running"), false);
    expect(planner.nextDelay()).toBe(3_000);
  });

  it("learns from finished tasks it saw from the start, and the next wait polls at the learned times", async () => {
    const latency = inMemoryLatencyEstimator();
    for (let i = 0; i < LEARN_AFTER; i++) {
      const clock = manualClock();
      const planner = await planPolls(input({ clock, latency }));
      clock.advance(planner.nextDelay());
      planner.observe(status("succeeded", 4_000), false);
    }
    await vi.waitFor(async () => expect(await latency.estimate("acme:m:")).toHaveLength(LEARN_AFTER));
    const next = await planPolls(input({ latency }));
    // The vendor says these tasks take 4 s: the first poll comes one step (0.9 × 3 s) after that, not at 13 s.
    expect(next.nextDelay()).toBe(6_700);
  });

  it("does not learn from a wait that resumed after its first poll was due", async () => {
    const latency = inMemoryLatencyEstimator();
    const clock = manualClock(SUBMITTED + 60_000);
    const planner = await planPolls(input({ clock, latency }));
    planner.observe(status("succeeded", 4_000), false);
    await Promise.resolve();
    expect(await latency.estimate("acme:m:")).toEqual([]);
    // 40 s past the typical 20 s: the interval grows with a quarter of the overrun.
    expect(planner.nextDelay()).toBe(10_000);
  });

  it("asks no estimate when the client or the call chose its own first poll", async () => {
    const estimate = vi.fn(() => []);
    const latency: LatencyEstimator = { observe: vi.fn(), estimate };
    const planner = await planPolls(
      input({ latency, chosen: [undefined, { initialDelayMs: 1_000, jitter: 0 }] }),
    );
    expect(planner.nextDelay()).toBe(1_000);
    expect(estimate).not.toHaveBeenCalled();
  });

  it("polls on the documented schedule when the estimate fails, and says so at warn", async () => {
    const warn = vi.fn();
    const latency: LatencyEstimator = {
      observe: vi.fn(),
      estimate: () => Promise.reject(new Error("redis down")),
    };
    const planner = await planPolls(input({ latency, logger: { warn } }));
    expect(planner.nextDelay()).toBe(13_000);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("latency estimate failed"), expect.anything());
  });

  it("runs the whole schedule at the chosen time scale", async () => {
    const planner = await planPolls(input({ chosen: [{ jitter: 0, timeScale: 0.01 }] }));
    expect(planner.nextDelay()).toBe(130);
  });
});

describe("the pace of a call", () => {
  it("is the call's time scale over the client's, and the vendor's pace by default", () => {
    expect(pollTimeScale(capabilities, [])).toBe(1);
    expect(pollTimeScale(capabilities, [{ timeScale: 0.1 }])).toBe(0.1);
    expect(pollTimeScale(capabilities, [{ timeScale: 0.1 }, { timeScale: 0.5 }])).toBe(0.5);
  });
});
