import { HttpResponse } from "msw";
import type { EngineTask } from "../engine/engine-task.js";
import type { ErrorWording } from "../engine/fault.js";

/** The vendor's messages for its documented HTTP errors (and the few the emulator adds). */
const MESSAGES: Readonly<Record<number, string>> = {
  400: "Invalid request parameters",
  401: "Invalid or missing API key",
  402: "Insufficient balance",
  403: "This API key or route cannot access the model",
  404: "Task not found",
  429: "Rate limit exceeded",
  500: "Internal server error",
  502: "Upstream provider error",
  503: "Service unavailable",
  504: "Upstream timeout",
};

/** APIXO's envelope: `{ code, message, data }`; an error has `data: null` and the error in `code`. */
export function envelope(data: unknown, code = 200, message = "success") {
  return { code, message, data };
}

export const apixoWording: ErrorWording = {
  httpError: (status, options = {}) =>
    HttpResponse.json(envelope(null, status, options.message ?? MESSAGES[status] ?? "Error"), {
      status,
      headers: options.headers ?? {},
    }),
  inBodyError: (code, message) =>
    HttpResponse.json(envelope(null, code, message ?? MESSAGES[code] ?? "Error")),
};

/** The `data` of a status response, and of a callback delivery, for a task in `state`. */
export function apixoTaskData(task: EngineTask, state: string, imageUrls: readonly string[]) {
  const completeTime = task.timeline.completedAt;
  const data: Record<string, unknown> = { taskId: task.id, state, createTime: task.createdAt };
  if (state === "success") {
    const resultJson = resultJsonFor(task.result, imageUrls);
    if (resultJson !== undefined) data.resultJson = resultJson;
    data.completeTime = completeTime;
    data.costTime = completeTime === undefined ? undefined : completeTime - task.createdAt;
  } else if (state === "failed") {
    data.failCode = task.failure?.code;
    data.failMsg = task.failure?.message;
    data.completeTime = completeTime;
  }
  return data;
}

function resultJsonFor(result: EngineTask["result"], urls: readonly string[]): string | undefined {
  switch (result) {
    case "missing":
      return undefined;
    case "not-json":
      return `{resultUrls:[${urls.join(",")}`;
    case "empty":
      return JSON.stringify({ resultUrls: [] });
    default:
      return JSON.stringify({ resultUrls: urls });
  }
}
