import { HttpResponse, http, type RequestHandler } from "msw";
import type { Emulator } from "../engine/emulator.js";
import { EmulatorEngine } from "../engine/emulator-engine.js";
import type { EmulatorLimits, EmulatorOptions } from "../engine/emulator-options.js";
import type { EngineTask } from "../engine/engine-task.js";
import { imageSize } from "../engine/image-size.js";
import { type StateNames, taskScript } from "../engine/task-script.js";
import { readXingchaoyiqingCreate } from "./xingchaoyiqing-create-body.js";
import { XINGCHAOYIQING_FAIL_MESSAGES } from "./xingchaoyiqing-fail-messages.js";
import { XINGCHAOYIQING_MODELS, XINGCHAOYIQING_RESULT_TTL_MS } from "./xingchaoyiqing-model-specs.js";
import {
  type XingchaoyiqingErrorShape,
  xingchaoyiqingTask,
  xingchaoyiqingWording,
} from "./xingchaoyiqing-responses.js";

/** The platform's documented shared prefix. */
export const XINGCHAOYIQING_BASE_URL = "https://zcbservice.aizfw.cn/kyyReactApiServer";

export interface XingchaoyiqingEmulatorOptions extends EmulatorOptions {
  /** Which of the error bodies the reference allows to send; default `object`. */
  errorShape?: XingchaoyiqingErrorShape;
  /** Quotas to enforce with 429 (the vendor documents none); off by default. */
  limits?: EmulatorLimits;
}

export const XINGCHAOYIQING_STATES: StateNames = {
  queued: "queued",
  running: "processing",
  succeeded: "completed",
  failed: "failed",
};

/** An emulator of xingchaoyiqing's Nano Banana API (`/v1/banana/images`, `/v1/result/{id}`) and its result CDN. */
export function createXingchaoyiqingEmulator(options: XingchaoyiqingEmulatorOptions = {}): Emulator {
  const wording = xingchaoyiqingWording(options.errorShape ?? "object");
  const engine = new EmulatorEngine(
    {
      vendor: "xingchaoyiqing",
      baseUrl: options.baseUrl ?? XINGCHAOYIQING_BASE_URL,
      wording,
      states: XINGCHAOYIQING_STATES,
      limits: options.limits,
    },
    options,
  );
  const show = (task: EngineTask, object: "nanobanana" | "image.generation") =>
    xingchaoyiqingTask(task, engine.state(task), engine.imageUrls(task)[0], object);

  const handlers: RequestHandler[] = [
    http.post(`${engine.baseUrl}/v1/banana/images`, ({ request }) =>
      engine.serveSubmit(
        request,
        (body) => body.prompt,
        readXingchaoyiqingCreate,
        (input, body, directives) => {
          const task = engine.createTask({
            id: engine.nextId("nb_"),
            model: input.model,
            latencyMs: XINGCHAOYIQING_MODELS[input.model]?.latencyMs(input.resolution) ?? {
              min: 15_000,
              max: 20_000,
            },
            ...taskScript(directives, input.imageUrls, XINGCHAOYIQING_STATES, XINGCHAOYIQING_FAIL_MESSAGES),
            images: [{ prompt: input.prompt, format: "png", ...imageSize(input.size, input.resolution) }],
            directives,
            resultTtlMs: XINGCHAOYIQING_RESULT_TTL_MS,
            request: body,
          });
          // The create answer has no image_url, and error only for a task that failed at once.
          const { image_url: _, error, ...created } = show(task, "nanobanana");
          return HttpResponse.json(error === null ? created : { ...created, error });
        },
      ),
    ),
    http.get(`${engine.baseUrl}/v1/result/:id`, ({ request, params }) => {
      const id = String(params.id);
      const answer = async () => {
        const task = engine.task(id);
        return task ? HttpResponse.json(show(task, "image.generation")) : wording.httpError(404);
      };
      return engine.serve("status", request, answer, { taskId: id });
    }),
    engine.fileHandler(),
  ];
  return engine.emulator(handlers);
}

/** msw handlers for xingchaoyiqing, for `setupServer(...xingchaoyiqingHandlers())`. */
export function xingchaoyiqingHandlers(options: XingchaoyiqingEmulatorOptions = {}): RequestHandler[] {
  return [...createXingchaoyiqingEmulator(options).handlers];
}
