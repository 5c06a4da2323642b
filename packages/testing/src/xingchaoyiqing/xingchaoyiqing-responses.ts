import { HttpResponse } from "msw";
import type { EngineTask } from "../engine/engine-task.js";
import type { ErrorWording } from "../engine/fault.js";
import { STATUS_TEXT } from "../engine/fault.js";

/**
 * The error body. The reference says only "a JSON body carrying `error` or `message` (string or `{message}`)",
 * so the emulator can send each: `object` → `{ error: { message, type, code } }` (default), `string` →
 * `{ error: "…" }`, `message` → `{ message: "…" }`.
 */
export type XingchaoyiqingErrorShape = "object" | "string" | "message";

const TYPES: Readonly<Record<number, string>> = {
  400: "invalid_request_error",
  401: "authentication_error",
  402: "insufficient_quota",
  403: "permission_error",
  404: "not_found_error",
  429: "rate_limit_error",
};

const MESSAGES: Readonly<Record<number, string>> = {
  401: "Invalid API key",
  402: "Insufficient balance",
  403: "This API key cannot use the model",
  404: "Task not found",
  429: "Too many requests",
};

export function xingchaoyiqingWording(shape: XingchaoyiqingErrorShape): ErrorWording {
  const body = (code: number, message: string | undefined) => {
    const text = message ?? MESSAGES[code] ?? STATUS_TEXT[code] ?? "Error";
    if (shape === "string") return { error: text };
    if (shape === "message") return { message: text };
    return { error: { message: text, type: TYPES[code] ?? "server_error", code } };
  };
  return {
    httpError: (status, options = {}) =>
      HttpResponse.json(body(status, options.message), { status, headers: options.headers ?? {} }),
    inBodyError: (code, message) => HttpResponse.json(body(code, message)),
  };
}

/** A task as the create and query endpoints show it. Fields that do not apply are `null`, not absent. */
export function xingchaoyiqingTask(
  task: EngineTask,
  state: string,
  imageUrl: string | undefined,
  object: "nanobanana" | "image.generation",
) {
  return {
    id: task.id,
    object,
    created: Math.floor(task.createdAt / 1000),
    model: task.model,
    status: state,
    image_url: state === "completed" ? imageUrlFor(task.result, imageUrl) : null,
    error: state === "failed" ? (task.failure?.message ?? "Generation failed") : null,
  };
}

function imageUrlFor(result: EngineTask["result"], url: string | undefined): string | null {
  switch (result) {
    case "missing":
      return null;
    case "empty":
      return "";
    case "not-json":
      return "not a url";
    default:
      return url ?? null;
  }
}
