import type { TaskHandle } from "@org/imagegen-core";

/**
 * The handles of one `generateImage` call's tasks. `generateImage` fans `n` images out into parallel
 * `doGenerate` calls that share one headers object, so that object identifies the call; without headers
 * (a direct `doGenerate`), each call is its own batch.
 */
const batches = new WeakMap<object, TaskHandle[]>();
/** The batch each thrown error belongs to, so the error itself stays exactly as the client threw it. */
const failures = new WeakMap<object, TaskHandle[]>();

export function batchFor(headers: object | undefined): TaskHandle[] {
  if (headers === undefined) return [];
  let batch = batches.get(headers);
  if (batch === undefined) {
    batch = [];
    batches.set(headers, batch);
  }
  return batch;
}

/** Notes which batch an error ended; returns the error unchanged. */
export function rememberFailure(error: unknown, batch: TaskHandle[]): unknown {
  if (typeof error === "object" && error !== null) failures.set(error, batch);
  return error;
}

/**
 * The handles of every task the failed `generateImage` call has submitted so far, the failed task's own
 * included: those tasks may still finish and are paid for, so resume them with `client.wait(handle)` rather
 * than generating again. `[]` for an error that no imagegen model threw.
 */
export function submittedHandles(error: unknown): TaskHandle[] {
  const batch = typeof error === "object" && error !== null ? failures.get(error) : undefined;
  return batch === undefined ? [] : [...batch];
}
