import { describe, expect, it } from "vitest";
import {
  isTerminal,
  LIFECYCLE_STATES,
  type LifecycleEvent,
  type LifecycleState,
  transition,
} from "./task-state.js";

const EVENTS: Record<string, LifecycleEvent> = {
  submitted: { type: "submitted" },
  submit_failed: { type: "submit_failed" },
  "status:queued": { type: "status", state: "queued" },
  "status:running": { type: "status", state: "running" },
  "status:succeeded": { type: "status", state: "succeeded" },
  "status:failed": { type: "status", state: "failed" },
  timeout: { type: "timeout" },
  abort: { type: "abort" },
};

// Every (state, event) pair, written out by hand: the table is the specification.
const EXPECTED: Record<LifecycleState, Record<keyof typeof EVENTS, LifecycleState>> = {
  submitting: {
    submitted: "queued",
    submit_failed: "failed",
    "status:queued": "queued",
    "status:running": "running",
    "status:succeeded": "succeeded",
    "status:failed": "failed",
    timeout: "timed_out",
    abort: "aborted",
  },
  queued: {
    submitted: "queued",
    submit_failed: "queued",
    "status:queued": "queued",
    "status:running": "running",
    "status:succeeded": "succeeded",
    "status:failed": "failed",
    timeout: "timed_out",
    abort: "aborted",
  },
  running: {
    submitted: "running",
    submit_failed: "running",
    "status:queued": "running",
    "status:running": "running",
    "status:succeeded": "succeeded",
    "status:failed": "failed",
    timeout: "timed_out",
    abort: "aborted",
  },
  succeeded: Object.fromEntries(Object.keys(EVENTS).map((e) => [e, "succeeded"])) as never,
  failed: Object.fromEntries(Object.keys(EVENTS).map((e) => [e, "failed"])) as never,
  timed_out: Object.fromEntries(Object.keys(EVENTS).map((e) => [e, "timed_out"])) as never,
  aborted: Object.fromEntries(Object.keys(EVENTS).map((e) => [e, "aborted"])) as never,
};

describe("task lifecycle", () => {
  it("covers every state", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...LIFECYCLE_STATES].sort());
  });

  for (const state of LIFECYCLE_STATES) {
    for (const [name, event] of Object.entries(EVENTS)) {
      const expected = EXPECTED[state][name as keyof typeof EVENTS];
      it(`${state} + ${name} → ${expected}`, () => {
        expect(transition(state, event)).toBe(expected);
      });
    }
  }

  it("only moves forward: a vendor regression (running → queued) is ignored", () => {
    const states = ["queued", "running", "queued", "running", "succeeded", "running"] as const;
    const seen: LifecycleState[] = [];
    for (const state of states) seen.push(transition(seen.at(-1) ?? "submitting", { type: "status", state }));
    expect(seen).toEqual(["queued", "running", "running", "running", "succeeded", "succeeded"]);
  });

  it("knows its terminals", () => {
    expect(LIFECYCLE_STATES.filter(isTerminal).sort()).toEqual([
      "aborted",
      "failed",
      "succeeded",
      "timed_out",
    ]);
  });
});
