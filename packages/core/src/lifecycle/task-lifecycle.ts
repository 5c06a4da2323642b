import type { TaskHandle, TaskStatus } from "../model/task.js";
import type { Clock } from "../shared/clock.js";
import type { Deadline } from "../shared/deadline.js";
import type { EventListener } from "./events.js";
import { type LifecycleEvent, type LifecycleState, transition } from "./task-state.js";

/**
 * The one writer of a task's local state. Every change goes through the `transition` reducer and is emitted
 * here, for `submit` as for `wait`, so no caller can announce a state the reducer would not reach.
 */
export class TaskLifecycle {
  private current: LifecycleState;
  private taskHandle: TaskHandle | undefined;

  constructor(
    /** Where the task's events go; the steps that emit non-state events (polls, retries) use it too. */
    readonly emit: EventListener,
    private readonly clock: Clock,
    start: { state: LifecycleState; handle?: TaskHandle | undefined },
  ) {
    this.current = start.state;
    this.taskHandle = start.handle;
  }

  get state(): LifecycleState {
    return this.current;
  }

  get handle(): TaskHandle | undefined {
    return this.taskHandle;
  }

  /** The vendor accepted the task: emits `submitted` with the handle to persist, then `submitting → queued`. */
  submitted(handle: TaskHandle): void {
    this.taskHandle = handle;
    this.emit({ type: "submitted", at: this.clock.now(), handle });
    this.apply({ type: "submitted" });
  }

  /**
   * Ends a lifecycle whose task was never created (or may have been, unknowably): timed out when the call's
   * deadline ended it, aborted when its caller did, else the submit failed.
   */
  endBeforeTask(deadline: Deadline): void {
    if (deadline.expired()) this.apply({ type: "timeout" });
    else if (deadline.signal.aborted) this.apply({ type: "abort" });
    else this.apply({ type: "submit_failed" });
  }

  /** Feeds one event through the reducer; emits a `state` event when the state moves. */
  apply(event: LifecycleEvent, status?: TaskStatus): LifecycleState {
    const previous = this.current;
    const next = transition(previous, event);
    if (next !== previous) {
      this.current = next;
      this.emit({
        type: "state",
        at: this.clock.now(),
        handle: this.taskHandle,
        state: next,
        previous,
        status,
      });
    }
    return next;
  }
}
