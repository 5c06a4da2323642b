/** One state of a task and the moment it ends (`Infinity` for the last). */
export interface Phase {
  readonly state: string;
  readonly until: number;
}

/** When a task is in which state; computed once at submit, so every later read is a lookup. */
export interface Timeline {
  readonly phases: readonly Phase[];
  /** When the terminal state begins; undefined for a task that never finishes. */
  readonly completedAt: number | undefined;
}

/** The first state holds a fifth of the time (the queue); the other in-progress states share the rest. */
const QUEUE_SHARE = 0.2;

/**
 * Lays `states` over `[createdAt, createdAt + durationMs]`. When the last state is terminal it begins at the end;
 * otherwise the last state lasts forever.
 */
export function buildTimeline(
  createdAt: number,
  durationMs: number,
  states: readonly string[],
  isTerminal: (state: string) => boolean,
): Timeline {
  const last = states.at(-1);
  const finishes = last !== undefined && isTerminal(last);
  const progress = finishes ? states.slice(0, -1) : states;
  const shares = progress.map((_, index) =>
    progress.length === 1 ? 1 : index === 0 ? QUEUE_SHARE : (1 - QUEUE_SHARE) / (progress.length - 1),
  );
  const phases: Phase[] = [];
  let at = createdAt;
  progress.forEach((state, index) => {
    at += durationMs * (shares[index] ?? 0);
    const forever = !finishes && index === progress.length - 1;
    phases.push({ state, until: forever ? Number.POSITIVE_INFINITY : Math.round(at) });
  });
  const completedAt = finishes ? createdAt + Math.round(durationMs) : undefined;
  if (finishes && last !== undefined) phases.push({ state: last, until: Number.POSITIVE_INFINITY });
  return { phases, completedAt };
}

/** The state at `now`. */
export function stateAt(timeline: Timeline, now: number): string {
  const phase = timeline.phases.find((p) => now < p.until) ?? timeline.phases.at(-1);
  return phase?.state ?? "unknown";
}
