import type { CallPhase, ImageGenEvent, LifecycleState, Warning } from "@org/imagegen-core";

/** What a person waiting on a task is shown, by the CLI's live line and the web page alike. */
export interface TaskProgress {
  /** The client's lifecycle state (forward only: the client never reports a regression). */
  state: LifecycleState;
  /** Status calls answered so far. */
  polls: number;
  /** When the wait started (ms since the epoch); `elapsedMs` counts from here. */
  startedAt: number;
  /** From `startedAt` to the latest event. */
  elapsedMs: number;
  /** Calls that failed and were tried again. */
  retries: number;
  /** The latest of those, to say why a task is slow. */
  lastRetry: { phase: CallPhase; attempt: number; delayMs: number; message: string } | undefined;
  /** Options the vendor does not have, dropped from the request. */
  warnings: Warning[];
}

/** Progress before any event: `submitting` for a new request, `queued` for a task resumed from its handle. */
export function startProgress(state: LifecycleState, startedAt: number): TaskProgress {
  return { state, polls: 0, startedAt, elapsedMs: 0, retries: 0, lastRetry: undefined, warnings: [] };
}

/** The pure step from one client event to the next progress; feed it every event of `submit` and `wait`. */
export function nextProgress(progress: TaskProgress, event: ImageGenEvent): TaskProgress {
  const next = { ...progress, elapsedMs: Math.max(progress.elapsedMs, event.at - progress.startedAt) };
  switch (event.type) {
    case "state":
      return { ...next, state: event.state };
    case "poll":
      return { ...next, polls: event.polls };
    case "retry": {
      const { phase, attempt, delayMs, error } = event;
      return {
        ...next,
        retries: progress.retries + 1,
        lastRetry: { phase, attempt, delayMs, message: error.message },
      };
    }
    case "warning":
      return { ...next, warnings: [...progress.warnings, event.warning] };
    case "submitted":
      return next;
  }
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const FINAL_STATES: readonly LifecycleState[] = ["succeeded", "failed", "timed_out", "aborted"];

/**
 * One line: `running · 4.2 s · 3 polls` (`· 1 retry` once there was one). Given `now`, the elapsed time runs
 * on between events, and stops where the task ended.
 */
export function progressLine(progress: TaskProgress, now?: number): string {
  const ticking = now !== undefined && !FINAL_STATES.includes(progress.state);
  const elapsedMs = ticking ? Math.max(0, now - progress.startedAt) : progress.elapsedMs;
  const parts = [
    progress.state,
    `${(elapsedMs / 1000).toFixed(1)} s`,
    count(progress.polls, "poll", "polls"),
  ];
  if (progress.retries > 0) parts.push(count(progress.retries, "retry", "retries"));
  return parts.join(" · ");
}

/** Follows a task's events, calling `onChange` with each new progress and the one before it. */
export function trackProgress(
  start: TaskProgress,
  onChange?: (progress: TaskProgress, previous: TaskProgress) => void,
): { onEvent(event: ImageGenEvent): void; current(): TaskProgress } {
  let progress = start;
  return {
    onEvent(event) {
      const previous = progress;
      progress = nextProgress(progress, event);
      onChange?.(progress, previous);
    },
    current: () => progress,
  };
}
