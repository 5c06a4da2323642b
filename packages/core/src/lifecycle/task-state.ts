import type { TaskState } from "../model/task.js";

/** The local lifecycle of a task: the vendor's states plus `submitting` and two local terminals. */
export type LifecycleState = "submitting" | TaskState | "timed_out" | "aborted";

export type LifecycleEvent =
  | { type: "submitted" }
  | { type: "submit_failed" }
  | { type: "status"; state: TaskState }
  | { type: "timeout" }
  | { type: "abort" };

const RANK: Record<LifecycleState, number> = {
  submitting: 0,
  queued: 1,
  running: 2,
  succeeded: 3,
  failed: 3,
  timed_out: 3,
  aborted: 3,
};

export const LIFECYCLE_STATES = Object.keys(RANK) as LifecycleState[];

export function isTerminal(state: LifecycleState): boolean {
  return RANK[state] === 3;
}

/**
 * The pure transition function. States only move forward: a terminal state absorbs every event, and a
 * vendor reporting an earlier state than we have seen (running → queued) is ignored.
 */
export function transition(current: LifecycleState, event: LifecycleEvent): LifecycleState {
  if (isTerminal(current)) return current;
  switch (event.type) {
    case "submitted":
      return current === "submitting" ? "queued" : current;
    case "submit_failed":
      return current === "submitting" ? "failed" : current;
    case "status":
      return RANK[event.state] > RANK[current] ? event.state : current;
    case "timeout":
      return "timed_out";
    case "abort":
      return "aborted";
  }
}
