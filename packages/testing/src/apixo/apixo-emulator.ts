import { HttpResponse, http, type RequestHandler } from "msw";
import type { TaskDirectives } from "../engine/directives.js";
import type { Emulator } from "../engine/emulator.js";
import { EmulatorEngine } from "../engine/emulator-engine.js";
import type { EmulatorLimits, EmulatorOptions } from "../engine/emulator-options.js";
import type { EngineTask } from "../engine/engine-task.js";
import { imageSize } from "../engine/image-size.js";
import { type StateNames, taskScript } from "../engine/task-script.js";
import { isObject, type JsonObject } from "../engine/wire-check.js";
import { APIXO_FAIL_MESSAGES } from "./apixo-fail-messages.js";
import { APIXO_MODELS, type ApixoModelSpec, PASS_THROUGH_MODEL } from "./apixo-model-specs.js";
import { apixoTaskData, apixoWording, envelope } from "./apixo-responses.js";
import { type ApixoSubmit, readApixoSubmit } from "./apixo-submit-body.js";

export const APIXO_BASE_URL = "https://api.apixo.ai/api/v1";

/** The quotas on the nano-banana-pro page. */
export const APIXO_LIMITS: EmulatorLimits = { requestsPerMinute: 10_000, concurrentTasks: 1_000 };

export interface ApixoEmulatorOptions extends EmulatorOptions {
  /** Enforce the documented quotas (`true`) or others of your choosing, answering 429 beyond them. Off by default. */
  limits?: boolean | Partial<EmulatorLimits>;
}

export const APIXO_STATES: StateNames = {
  queued: "pending",
  running: "processing",
  succeeded: "success",
  failed: "failed",
};

/** An emulator of APIXO's `generateTask` / `statusTask` API, its result CDN and its callbacks. */
export function createApixoEmulator(options: ApixoEmulatorOptions = {}): Emulator {
  const engine = new EmulatorEngine(
    {
      vendor: "apixo",
      baseUrl: options.baseUrl ?? APIXO_BASE_URL,
      wording: apixoWording,
      states: APIXO_STATES,
      limits: resolveLimits(options.limits),
    },
    options,
  );
  const statusData = (task: EngineTask) => apixoTaskData(task, engine.state(task), engine.imageUrls(task));

  const create = (
    model: string,
    spec: ApixoModelSpec,
    input: ApixoSubmit,
    body: JsonObject,
    directives: TaskDirectives,
  ) => {
    const task = engine.createTask({
      id: engine.nextId("task_"),
      model,
      latencyMs: spec.latencyMs(input.resolution),
      ...taskScript(directives, input.imageUrls, APIXO_STATES, APIXO_FAIL_MESSAGES),
      images: [
        {
          prompt: input.prompt,
          format: input.outputFormat,
          ...imageSize(input.aspectRatio, input.resolution),
        },
      ],
      directives,
      resultTtlMs: spec.resultTtlMs,
      request: body,
      ...(input.callbackUrl && {
        callback: { url: input.callbackUrl, payload: (t) => envelope(statusData(t)) },
      }),
    });
    return HttpResponse.json(envelope({ taskId: task.id }));
  };

  const handlers: RequestHandler[] = [
    http.post(`${engine.baseUrl}/generateTask/:model`, ({ request, params }) => {
      const model = String(params.model);
      const known = APIXO_MODELS[model];
      return engine.serveSubmit(
        request,
        (body) => (isObject(body.input) ? body.input.prompt : undefined),
        (body) => readApixoSubmit(body, known),
        (input, body, directives) => create(model, known ?? PASS_THROUGH_MODEL, input, body, directives),
      );
    }),
    http.get(`${engine.baseUrl}/statusTask/:model`, ({ request, params }) => {
      const taskId = new URL(request.url).searchParams.get("taskId") ?? undefined;
      const answer = async () => {
        if (!taskId) return apixoWording.httpError(400, { message: "taskId is required" });
        const task = engine.task(taskId);
        // The model is part of the path: a task asked for under another model is not found.
        if (!task || task.model !== params.model) return apixoWording.httpError(404);
        return HttpResponse.json(envelope(statusData(task)));
      };
      return engine.serve("status", request, answer, { taskId });
    }),
    engine.fileHandler(),
  ];
  return engine.emulator(handlers);
}

/** msw handlers for APIXO, for `setupServer(...apixoHandlers())`; use `createApixoEmulator` for the controls. */
export function apixoHandlers(options: ApixoEmulatorOptions = {}): RequestHandler[] {
  return [...createApixoEmulator(options).handlers];
}

function resolveLimits(limits: ApixoEmulatorOptions["limits"]): EmulatorLimits | undefined {
  if (limits === undefined || limits === false) return undefined;
  return { ...APIXO_LIMITS, ...(limits === true ? {} : limits) };
}
