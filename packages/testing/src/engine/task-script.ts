import type { TaskDirectives } from "./directives.js";
import { DEFAULT_FAIL_CODE, failMessage, hasUnfetchableReference } from "./fail-codes.js";

/** A vendor's names for the four stages of a task. */
export interface StateNames {
  readonly queued: string;
  readonly running: string;
  readonly succeeded: string;
  readonly failed: string;
}

/** What a task will do: the states it walks through and, if it ends failed, why. */
export interface TaskScript {
  readonly states: readonly string[];
  readonly failure: { code: string; message: string } | undefined;
}

/**
 * The script of a new task: its prompt marker's, else the normal walk to success. It fails with the marker's fail
 * code, with INVALID_IMAGE_URL for a reference the vendor could not fetch, or with UPSTREAM_ERROR when the marker
 * ends in the failed state without naming a code; the message is the vendor's wording of that code.
 */
export function taskScript(
  directives: TaskDirectives,
  references: readonly string[],
  names: StateNames,
  messages: Readonly<Record<string, string>>,
): TaskScript {
  const failCode =
    directives.fail ??
    (hasUnfetchableReference(references) ? "INVALID_IMAGE_URL" : undefined) ??
    (directives.states?.at(-1) === names.failed ? DEFAULT_FAIL_CODE : undefined);
  const end = failCode ? names.failed : names.succeeded;
  const states =
    directives.states ??
    (directives.never ? [names.queued, names.running] : [names.queued, names.running, end]);
  return {
    states,
    failure: failCode ? { code: failCode, message: failMessage(failCode, messages) } : undefined,
  };
}
