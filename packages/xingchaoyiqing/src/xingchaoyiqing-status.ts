import { ProviderError, type TaskState, type TaskStatus } from "@org/imagegen-core";
import { excerpt, parseWire } from "@org/imagegen-core/provider";
import { xingchaoyiqingFailure } from "./xingchaoyiqing-errors.js";
import { resultUrlSchema, taskSchema } from "./xingchaoyiqing-wire.js";

const STATES: Readonly<Record<string, TaskState>> = {
  queued: "queued",
  processing: "running",
  completed: "succeeded",
  failed: "failed",
};

/** "Result URLs expire after about 24 h." */
const RESULT_TTL_MS = 86_400_000;

/** "A Unix timestamp": seconds as documented, though a value too large for seconds is read as milliseconds. */
const unixMs = (value: number) => (value > 100_000_000_000 ? value : value * 1000);

export interface StatusContext {
  provider: string;
  /** When the answer arrived: the reference gives no completion time, so result lifetimes count from here. */
  now: number;
}

/**
 * A query answer, normalised: `image_url` becomes the one image, `error` the failure. An undocumented status or
 * a completed task without a usable URL is a retryable `ProviderError`: polled again a bounded number of times.
 */
export function toTaskStatus(body: unknown, context: StatusContext): TaskStatus {
  const { provider, now } = context;
  const task = parseWire(taskSchema, body, { provider, what: "task" });
  const taskId = task.id;
  const state = Object.hasOwn(STATES, task.status) ? STATES[task.status] : undefined;
  const problem = (reason: "unknown_state" | "malformed", message: string) =>
    new ProviderError(message, {
      provider,
      taskId,
      reason,
      retryable: true,
      responseBody: excerpt(JSON.stringify(body)),
    });
  if (state === undefined) {
    throw problem(
      "unknown_state",
      `${provider} reported task ${taskId} in the undocumented status "${task.status}"; expected one of ` +
        `${Object.keys(STATES).join(", ")}.`,
    );
  }
  let images: TaskStatus["images"] = [];
  if (state === "succeeded") {
    const url = resultUrlSchema.safeParse(task.image_url);
    if (!url.success) {
      throw problem("malformed", `${provider} reported task ${taskId} completed without a usable image_url.`);
    }
    images = [{ url: url.data, expiresAt: new Date(now + RESULT_TTL_MS).toISOString() }];
  }
  return {
    taskId,
    state,
    images,
    failure: state === "failed" ? xingchaoyiqingFailure(task.error) : undefined,
    createdAt: task.created == null ? undefined : new Date(unixMs(task.created)).toISOString(),
    completedAt: undefined,
    durationMs: undefined,
    raw: body,
  };
}
