import type { TaskProgress } from "../shared/task-progress.js";

/** What the page is told about one task, in order; the last one is `done` or `error`. */
export type BoardEvent =
  /** The shared progress, with the line the CLI would print for it. */
  | ({ type: "progress"; line: string; expectedMs: { min: number; max: number } | undefined } & TaskProgress)
  | { type: "done"; images: readonly { src: string }[] }
  | { type: "error"; name: string; message: string };

type Listener = (event: BoardEvent) => void;

interface Entry {
  events: BoardEvent[];
  listeners: Set<Listener>;
}

/**
 * Tasks the web page started, each with its event history: a page that connects late (or reconnects)
 * is replayed what it missed, and one wait per task serves every open page.
 */
export class TaskBoard {
  private readonly entries = new Map<string, Entry>();

  /** Runs `work` for the task `id`, publishing what it emits; its failure becomes an `error` event. */
  track(id: string, work: (emit: Listener) => Promise<void>): void {
    const entry: Entry = { events: [], listeners: new Set() };
    this.entries.set(id, entry);
    const emit: Listener = (event) => {
      entry.events.push(event);
      for (const listener of entry.listeners) listener(event);
    };
    work(emit).catch((error: unknown) => {
      const { name, message } = error instanceof Error ? error : new Error(String(error));
      emit({ type: "error", name, message });
    });
  }

  /** True for a task this board runs or ran. */
  has(id: string): boolean {
    return this.entries.has(id);
  }

  /** Replays the task's events so far, then follows it; undefined for a task this board never ran. */
  subscribe(id: string, listener: Listener): (() => void) | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    for (const event of entry.events) listener(event);
    entry.listeners.add(listener);
    return () => entry.listeners.delete(listener);
  }
}

export const isFinal = (event: BoardEvent) => event.type !== "progress";
