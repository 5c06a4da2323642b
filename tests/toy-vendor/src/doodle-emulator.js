// @ts-check
import { BadRequest, EmulatorEngine, imageSize, taskScript } from "@org/imagegen-testing/emulator-kit";
import { HttpResponse, http } from "msw";

export const DOODLE_BASE_URL = "https://api.doodle.example/toy/v1";

/** @type {import("@org/imagegen-testing/emulator-kit").StateNames} */
export const DOODLE_STATES = { queued: "waiting", running: "drawing", succeeded: "ready", failed: "broken" };

/** Doodle's fail codes, in its words. */
export const DOODLE_FAIL_MESSAGES = {
  CONTENT_VIOLATION: "The drawing would show something it may not",
  INSUFFICIENT_BALANCE: "No crayons left on the account",
  UPSTREAM_ERROR: "The drawing machine broke",
};

/** @type {Record<string, string>} */
const SHAPES = { square: "1:1", wide: "16:9", tall: "9:16" };

/** @param {number} status @param {string} text @param {HeadersInit} [headers] */
const problem = (status, text, headers = {}, httpStatus = status) =>
  HttpResponse.json({ problem: { status, text } }, { status: httpStatus, headers });

/** @type {import("@org/imagegen-testing/emulator-kit").ErrorWording} */
const wording = {
  httpError: (status, options = {}) =>
    problem(status, options.message ?? `Doodle says ${status}`, options.headers),
  inBodyError: (code, message) => problem(code, message ?? `Doodle says ${code}`, {}, 200),
};

/**
 * An emulator of Doodle's API.
 * @param {import("@org/imagegen-testing").EmulatorOptions} [options]
 * @returns {import("@org/imagegen-testing").Emulator}
 */
export function createDoodleEmulator(options = {}) {
  const baseUrl = options.baseUrl ?? DOODLE_BASE_URL;
  const engine = new EmulatorEngine(
    { vendor: "doodle", baseUrl, wording, states: DOODLE_STATES, limits: undefined },
    options,
  );
  /** @param {import("@org/imagegen-testing/emulator-kit").EngineTask} task */
  const drawing = (task) => {
    const state = engine.state(task);
    return {
      id: task.id,
      state,
      ...(state === DOODLE_STATES.succeeded && { picture: engine.imageUrls(task)[0] }),
      ...(state === DOODLE_STATES.failed && {
        problem: { code: task.failure?.code, text: task.failure?.message },
      }),
    };
  };
  /** @param {import("@org/imagegen-testing/emulator-kit").JsonObject} body */
  const read = (body) => {
    if (typeof body.prompt !== "string" || body.prompt === "") throw new BadRequest("prompt is required");
    const shape = body.shape ?? "square";
    if (typeof shape !== "string" || !(shape in SHAPES))
      throw new BadRequest("shape must be square, wide or tall");
    return { prompt: body.prompt, ratio: SHAPES[shape] };
  };
  const handlers = [
    http.post(`${engine.baseUrl}/drawings`, ({ request }) =>
      engine.serveSubmit(
        request,
        (body) => body.prompt,
        read,
        (input, body, directives) => {
          const task = engine.createTask({
            id: engine.nextId("dr_"),
            model: "doodle",
            latencyMs: { min: 4_000, max: 6_000 },
            ...taskScript(directives, [], DOODLE_STATES, DOODLE_FAIL_MESSAGES),
            images: [{ prompt: input.prompt, format: "png", ...imageSize(input.ratio, "1k") }],
            directives,
            resultTtlMs: 3_600_000,
            request: body,
          });
          return HttpResponse.json({ drawing: drawing(task) });
        },
      ),
    ),
    http.get(`${engine.baseUrl}/drawings/:id`, ({ request, params }) => {
      const id = String(params.id);
      const answer = async () => {
        const task = engine.task(id);
        return task ? HttpResponse.json({ drawing: drawing(task) }) : problem(404, `No drawing ${id}`);
      };
      return engine.serve("status", request, answer, { taskId: id });
    }),
    engine.fileHandler(),
  ];
  return engine.emulator(handlers);
}

/** @type {import("@org/imagegen-testing").EmulatorVendor} */
export const doodleVendor = {
  id: "doodle",
  label: "Doodle",
  baseUrl: DOODLE_BASE_URL,
  states: DOODLE_STATES,
  failCodes: DOODLE_FAIL_MESSAGES,
  callbacks: false,
  create: createDoodleEmulator,
  example: (emulator) =>
    `  curl -s -X POST ${emulator.baseUrl}/drawings -H "Authorization: Bearer ${emulator.apiKey}" \\\n` +
    `    -H "Content-Type: application/json" -d '{"prompt":"a fox","shape":"wide"}'`,
};
