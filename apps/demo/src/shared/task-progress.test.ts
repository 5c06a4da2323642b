import {
  type ImageGenEvent,
  type LifecycleState,
  ProviderError,
  type TaskHandle,
  type TaskStatus,
  type Warning,
} from "@org/imagegen-core";
import { describe, expect, it } from "vitest";
import { nextProgress, progressLine, startProgress, trackProgress } from "./task-progress.js";

const T0 = Date.parse("2026-01-01T00:00:00Z");
const handle: TaskHandle = {
  provider: "apixo",
  model: "nano-banana",
  taskId: "task-1",
  submittedAt: new Date(T0 + 200).toISOString(),
};
const status = (state: TaskStatus["state"]): TaskStatus => ({
  taskId: "task-1",
  state,
  images: [],
  failure: undefined,
  createdAt: undefined,
  completedAt: undefined,
  durationMs: undefined,
  raw: {},
});
const stateEvent = (at: number, previous: LifecycleState, state: LifecycleState): ImageGenEvent => ({
  type: "state",
  at: T0 + at,
  handle,
  state,
  previous,
  status: undefined,
});
const poll = (at: number, polls: number, state: TaskStatus["state"]): ImageGenEvent => ({
  type: "poll",
  at: T0 + at,
  handle,
  polls,
  status: status(state),
});
const dropped: Warning = {
  type: "unsupported-option",
  option: "resolution",
  provider: "apixo",
  model: "nano-banana",
  message: 'apixo:nano-banana has no resolution option; "4K" was not sent',
};
const warning: ImageGenEvent = { type: "warning", at: T0 + 5, warning: dropped };
const retry: ImageGenEvent = {
  type: "retry",
  at: T0 + 2_500,
  handle,
  phase: "status",
  attempt: 1,
  delayMs: 800,
  error: new ProviderError("apixo answered 503.", { reason: "server", provider: "apixo" }),
};

/** A generate as the client reports it: warning, submit, two polls with a retry between, success. */
const generateEvents: ImageGenEvent[] = [
  warning,
  { type: "submitted", at: T0 + 200, handle },
  stateEvent(200, "submitting", "queued"),
  poll(2_000, 1, "running"),
  stateEvent(2_000, "queued", "running"),
  retry,
  poll(4_200, 2, "succeeded"),
  stateEvent(4_200, "running", "succeeded"),
];

describe("nextProgress: client events become what the user is shown", () => {
  it("follows a generate from submitting to succeeded: state, polls, elapsed, retries, warnings", () => {
    const progress = generateEvents.reduce(nextProgress, startProgress("submitting", T0));
    expect(progress).toEqual({
      state: "succeeded",
      polls: 2,
      startedAt: T0,
      elapsedMs: 4_200,
      retries: 1,
      lastRetry: { phase: "status", attempt: 1, delayMs: 800, message: "apixo answered 503." },
      warnings: [dropped],
    });
  });

  it("takes the state only from the client's lifecycle, not from a poll's vendor state", () => {
    const progress = nextProgress(startProgress("queued", T0), poll(1_000, 1, "running"));
    expect(progress).toMatchObject({ state: "queued", polls: 1, elapsedMs: 1_000 });
  });

  it("does not change the progress it is given", () => {
    const start = startProgress("submitting", T0);
    const copy = structuredClone(start);
    generateEvents.reduce(nextProgress, start);
    expect(start).toEqual(copy);
  });

  it("never counts the elapsed time backwards (a listener may see events slightly out of clock order)", () => {
    const later = nextProgress(startProgress("queued", T0), poll(3_000, 1, "running"));
    expect(nextProgress(later, stateEvent(2_900, "queued", "running")).elapsedMs).toBe(3_000);
  });
});

describe("progressLine: one line for the CLI and the web page alike", () => {
  const done = generateEvents.slice(0, 5).reduce(nextProgress, startProgress("submitting", T0));

  it("reads state · elapsed · polls, with retries once there were some", () => {
    expect(progressLine(done)).toBe("running · 2.0 s · 1 poll");
    expect(progressLine(nextProgress(done, retry))).toBe("running · 2.5 s · 1 poll · 1 retry");
    const twice = nextProgress(nextProgress(done, retry), { ...retry, attempt: 2 });
    expect(progressLine(twice)).toBe("running · 2.5 s · 1 poll · 2 retries");
  });

  it("ticks the elapsed time with `now` while the task runs, and stops where it ended", () => {
    expect(progressLine(done, T0 + 3_340)).toBe("running · 3.3 s · 1 poll");
    const ended = generateEvents.reduce(nextProgress, startProgress("submitting", T0));
    expect(progressLine(ended, T0 + 60_000)).toBe("succeeded · 4.2 s · 2 polls · 1 retry");
  });
});

describe("trackProgress", () => {
  it("hands every new progress to its listener with the one before it", () => {
    const seen: [string, string][] = [];
    const tracker = trackProgress(startProgress("submitting", T0), (progress, previous) =>
      seen.push([previous.state, progress.state]),
    );
    for (const event of generateEvents) tracker.onEvent(event);
    expect(seen).toHaveLength(generateEvents.length);
    expect(seen.filter(([from, to]) => from !== to)).toEqual([
      ["submitting", "queued"],
      ["queued", "running"],
      ["running", "succeeded"],
    ]);
    expect(tracker.current().state).toBe("succeeded");
  });
});
