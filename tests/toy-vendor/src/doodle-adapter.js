// @ts-check
import { apiKeyLoader, createHttpClient, excerpt, httpError, parseWire } from "@org/imagegen-core/provider";
import * as z from "@org/imagegen-core/schema";

const PROVIDER = "doodle";
export const DOODLE_BASE_URL = "https://api.doodle.example/toy/v1";

/** @type {Record<string, "content_policy" | "insufficient_balance">} */
const KINDS = { CONTENT_VIOLATION: "content_policy", INSUFFICIENT_BALANCE: "insufficient_balance" };
/** @type {Record<string, import("@org/imagegen-core").TaskState>} */
const STATES = { waiting: "queued", drawing: "running", ready: "succeeded", broken: "failed" };
/** @type {Record<string, string>} */
const SHAPES = { "1:1": "square", "16:9": "wide", "9:16": "tall" };

const drawingSchema = z.object({
  drawing: z.object({
    id: z.string().check(z.minLength(1)),
    state: z.enum(["waiting", "drawing", "ready", "broken"]),
    picture: z.optional(z.url({ protocol: /^https?$/ })),
    problem: z.optional(z.object({ code: z.optional(z.string()), text: z.optional(z.string()) })),
  }),
});

/** @type {import("@org/imagegen-core").ModelCapabilities} */
const DOODLE = {
  modes: ["text-to-image"],
  promptLength: { min: 1, max: 1_000 },
  maxReferenceImages: 0,
  aspectRatios: ["1:1", "16:9", "9:16"],
  resolutions: undefined,
  outputFormats: undefined,
  latencyMs: { min: 4_000, max: 6_000 },
  resultTtlMs: 3_600_000,
};

/**
 * Reads an answer; Doodle's `{ problem }` inside an HTTP 200 is the error of its status.
 * @param {import("@org/imagegen-core/provider").HttpClient} http @param {Response} response
 * @param {string | undefined} [taskId]
 */
async function readAnswer(http, response, taskId) {
  const body = await http.read(response, { provider: PROVIDER, taskId });
  const problem = /** @type {{ problem?: { status?: unknown, text?: string } }} */ (body)?.problem;
  if (problem === undefined || typeof problem.status !== "number") return body;
  throw httpError({
    provider: PROVIDER,
    taskId,
    status: problem.status,
    message: problem.text,
    body: excerpt(JSON.stringify(body)),
    retryAfter: response.headers.get("retry-after"),
    inBody: true,
  });
}

/**
 * A status or submit answer, normalised.
 * @param {unknown} body
 * @returns {import("@org/imagegen-core").TaskStatus}
 */
function toTaskStatus(body) {
  const { drawing } = parseWire(drawingSchema, body, { provider: PROVIDER, what: "drawing" });
  const state = /** @type {import("@org/imagegen-core").TaskState} */ (STATES[drawing.state]);
  const code = drawing.problem?.code ?? "UPSTREAM_ERROR";
  return {
    taskId: drawing.id,
    state,
    images: drawing.picture ? [{ url: drawing.picture }] : [],
    failure:
      state === "failed"
        ? {
            kind: KINDS[code] ?? "task_failed",
            code,
            message: drawing.problem?.text ?? code,
            retryable: false,
          }
        : undefined,
    createdAt: undefined,
    completedAt: undefined,
    durationMs: undefined,
    raw: body,
  };
}

/**
 * The Doodle adapter.
 * @param {{ apiKey?: string | undefined, baseUrl?: string | undefined, fetch?: typeof fetch | undefined }} [settings]
 * @returns {import("@org/imagegen-core").ImageProvider<"doodle">}
 */
export function doodle(settings = {}) {
  const http = createHttpClient({
    baseUrl: settings.baseUrl ?? DOODLE_BASE_URL,
    apiKey: apiKeyLoader(PROVIDER, settings.apiKey, "DOODLE_API_KEY"),
    fetch: settings.fetch,
  });
  return {
    id: PROVIDER,
    models: { doodle: DOODLE },
    async submit(request, ctx) {
      /** @type {Record<string, string>} */
      const json = { prompt: request.prompt };
      const shape = request.aspectRatio && SHAPES[request.aspectRatio];
      if (shape) json.shape = shape;
      const response = await http.post("drawings", { json, signal: ctx.signal });
      return { taskId: toTaskStatus(await readAnswer(http, response)).taskId };
    },
    async getStatus(handle, ctx) {
      const response = await http.get(`drawings/${encodeURIComponent(handle.taskId)}`, {
        signal: ctx.signal,
      });
      return toTaskStatus(await readAnswer(http, response, handle.taskId));
    },
    parseCallback: (body) => toTaskStatus(body),
  };
}
