import { type GeneratedImage, ProviderError, type TaskState, type TaskStatus } from "@org/imagegen-core";
import { excerpt, parseWire } from "@org/imagegen-core/provider";
import { apixoFailure } from "./apixo-errors.js";
import { resultTtlMs } from "./apixo-models.js";
import { type ApixoTaskData, resultSchema, taskDataSchema } from "./apixo-wire.js";

const STATES: Readonly<Record<string, TaskState>> = {
  pending: "queued",
  processing: "running",
  success: "succeeded",
  failed: "failed",
};

export interface StatusContext {
  provider: string;
  /** The task's model, when known (a callback body does not say it); decides how long result URLs live. */
  model: string | undefined;
  /** When the answer arrived, for result lifetimes when the vendor gives no completion time. */
  now: number;
}

const iso = (ms: number | null | undefined) => (ms == null ? undefined : new Date(ms).toISOString());

/**
 * A status answer's (or a callback delivery's) `data`, normalised. The same function serves polling and
 * callbacks, so both read a task the same way. An unknown state or an unreadable result is a retryable
 * `ProviderError`: the client polls again a bounded number of times, then gives up with it.
 */
export function toTaskStatus(data: unknown, context: StatusContext): TaskStatus {
  const { provider } = context;
  const task = parseWire(taskDataSchema, data, { provider, what: "task status" });
  const taskId = task.taskId;
  const state = Object.hasOwn(STATES, task.state) ? STATES[task.state] : undefined;
  if (state === undefined) {
    throw new ProviderError(
      `${provider} reported task ${taskId} in the undocumented state "${task.state}"; expected one of ` +
        `${Object.keys(STATES).join(", ")}.`,
      {
        provider,
        taskId,
        reason: "unknown_state",
        retryable: true,
        responseBody: excerpt(JSON.stringify(data)),
      },
    );
  }
  const durationMs =
    task.costTime ??
    (task.completeTime != null && task.createTime != null ? task.completeTime - task.createTime : undefined);
  return {
    taskId,
    state,
    images: state === "succeeded" ? resultImages(task, context) : [],
    failure: state === "failed" ? apixoFailure(task.failCode, task.failMsg) : undefined,
    createdAt: iso(task.createTime),
    completedAt: iso(task.completeTime),
    durationMs,
    raw: data,
  };
}

/** `resultJson` is a string holding `{"resultUrls":[…]}`; a success without a readable URL is malformed. */
function resultImages(task: ApixoTaskData, context: StatusContext): GeneratedImage[] {
  const { provider } = context;
  const malformed = (why: string, cause?: unknown) =>
    new ProviderError(`${provider} reported task ${task.taskId} succeeded, but ${why}.`, {
      provider,
      taskId: task.taskId,
      reason: "malformed",
      retryable: true,
      responseBody: excerpt(
        typeof task.resultJson === "string" ? task.resultJson : JSON.stringify(task.resultJson ?? null),
      ),
      cause,
    });
  if (task.resultJson == null) throw malformed("sent no resultJson");
  let parsed: unknown = task.resultJson;
  if (typeof parsed === "string") {
    try {
      parsed = JSON.parse(parsed);
    } catch (cause) {
      throw malformed("its resultJson is not JSON", cause);
    }
  }
  const result = resultSchema.safeParse(parsed);
  if (!result.success) throw malformed("its resultJson has no resultUrls list", result.error);
  if (result.data.resultUrls.length === 0) throw malformed("its resultJson lists no image");
  const ttl = context.model === undefined ? undefined : resultTtlMs(context.model);
  const expiresAt = ttl === undefined ? undefined : iso((task.completeTime ?? context.now) + ttl);
  return result.data.resultUrls.map((url) => ({ url, expiresAt }));
}
