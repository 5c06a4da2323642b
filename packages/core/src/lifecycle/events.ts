import type { ImageGenError } from "../errors/errors.js";
import type { CallPhase } from "../model/call-phase.js";
import type { TaskHandle, TaskStatus, Warning } from "../model/task.js";
import type { LifecycleState } from "./task-state.js";

/** Everything the client does with a task, as it happens; `at` is the clock's time in ms. */
export type ImageGenEvent =
  | { type: "warning"; at: number; warning: Warning }
  /** The task exists at the vendor: persist `handle` now to be able to resume. */
  | { type: "submitted"; at: number; handle: TaskHandle }
  /** One status call answered. */
  | { type: "poll"; at: number; handle: TaskHandle; polls: number; status: TaskStatus }
  /** The local lifecycle moved forward (vendor regressions never produce one). */
  | {
      type: "state";
      at: number;
      handle: TaskHandle | undefined;
      state: LifecycleState;
      previous: LifecycleState;
      status: TaskStatus | undefined;
    }
  /** A call failed and will be tried again after `delayMs`. */
  | {
      type: "retry";
      at: number;
      handle: TaskHandle | undefined;
      phase: CallPhase;
      attempt: number;
      delayMs: number;
      error: ImageGenError;
    };

export type EventListener = (event: ImageGenEvent) => void;
