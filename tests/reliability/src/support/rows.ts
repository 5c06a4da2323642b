/** One line of docs/reliability.md, attached to the test that established it. */
export interface ReliabilityRow {
  section: "matrix" | "check";
  /** Matrix rows: what went wrong, where, for whom. */
  fault?: string;
  phase?: string;
  vendor?: string;
  /** What the caller saw: `recovered`, or the typed error (and its reason). */
  outcome: string;
  submitRequests?: number;
  tasksCreated?: number;
  /** Check rows: the group and the promise checked. */
  group?: string;
  check?: string;
}

declare module "vitest" {
  interface TaskMeta {
    reliability?: ReliabilityRow;
  }
}
