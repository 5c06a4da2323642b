import { z } from "zod";
// A toy adapter written as adapter packages are: the user API from the package root, the SPI from ./provider.
import { type FailureKind, ProviderError, type TaskState, type TaskStatus } from "../index.js";
import type { ModelCapabilities } from "../model/capabilities.js";
import { apiKeyLoader, createHttpClient, type ImageProvider, parseWire } from "../provider/index.js";

/**
 * A made-up vendor ("Acme") implemented the way real adapters are, with core's public helpers only.
 * Core's tests drive the client through it, with HTTP answered by msw (see acme-server.ts).
 */
export const ACME_BASE_URL = "https://api.acme.test/v1";

export const acmeModels = {
  fast: {
    modes: ["text-to-image", "image-to-image"],
    promptLength: { min: 1, max: 100 },
    maxReferenceImages: 2,
    aspectRatios: ["1:1", "16:9"],
    resolutions: undefined,
    outputFormats: ["png"],
    latencyMs: { min: 10_000, max: 20_000 },
    poll: { initialDelayMs: 10_000, intervalMs: 3_000 },
  },
  large: {
    modes: ["text-to-image"],
    promptLength: { min: 1, max: 100 },
    maxReferenceImages: 0,
    aspectRatios: ["1:1"],
    resolutions: ["1K", "2K"],
    outputFormats: undefined,
    latencyMs: { min: 20_000, max: 30_000, byResolution: { "2K": { min: 30_000, max: 45_000 } } },
  },
} satisfies Record<string, ModelCapabilities>;

const STATES: Record<string, TaskState> = {
  waiting: "queued",
  working: "running",
  done: "succeeded",
  error: "failed",
};

const FAILURE_KINDS: Record<string, FailureKind> = {
  NSFW: "content_policy",
  NO_CREDIT: "insufficient_balance",
};

const taskSchema = z.object({
  id: z.string(),
  status: z.string(),
  urls: z.array(z.string()).optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  took_ms: z.number().optional(),
});

function toStatus(body: unknown): TaskStatus {
  const task = parseWire(taskSchema, body, { provider: "acme", what: "task" });
  const state = STATES[task.status];
  if (!state) {
    throw new ProviderError(`acme reported an unknown state "${task.status}".`, {
      provider: "acme",
      taskId: task.id,
      reason: "unknown_state",
      retryable: true,
    });
  }
  const failure = task.error && {
    kind: FAILURE_KINDS[task.error.code] ?? "task_failed",
    code: task.error.code,
    message: task.error.message,
    retryable: task.error.code === "BUSY",
  };
  return {
    taskId: task.id,
    state,
    images: (task.urls ?? []).map((url) => ({ url })),
    failure,
    createdAt: undefined,
    completedAt: undefined,
    durationMs: task.took_ms,
    raw: body,
  };
}

export interface AcmeOptions<PassThrough extends string = string> {
  apiKey?: string;
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Other model ids to reach, with `fast`'s capabilities, as adapters of vendors with open catalogues do. */
  passThrough?: readonly PassThrough[];
}

/** Acme's `providerOptions.acme` (the toy adapter reads none; its type is what the type tests check). */
export interface AcmeProviderOptions {
  priority?: "low" | "high";
}

export function acme<const PassThrough extends string = never>(
  options: AcmeOptions<PassThrough> = {},
): ImageProvider<keyof typeof acmeModels | NoInfer<PassThrough>, AcmeProviderOptions> {
  const http = createHttpClient({
    baseUrl: options.baseUrl ?? ACME_BASE_URL,
    apiKey: apiKeyLoader("acme", options.apiKey, "ACME_API_KEY"),
    fetch: options.fetch,
  });
  return {
    id: "acme",
    models: {
      ...Object.fromEntries(
        (options.passThrough ?? []).map((id) => [id, { ...acmeModels.fast, poll: undefined }]),
      ),
      ...acmeModels,
    } as Record<keyof typeof acmeModels | PassThrough, ModelCapabilities>,
    unlistedModels: 'To use another Acme model, declare it: acme({ passThrough: ["model-id"] }).',
    limits: { requestsPerMinute: 600, concurrentTasks: 50 },
    async submit(request, ctx) {
      const response = await http.post("tasks", {
        signal: ctx.signal,
        json: {
          model: request.model,
          prompt: request.prompt,
          ratio: request.aspectRatio,
          size: request.resolution,
          format: request.outputFormat,
          images: request.referenceImages.length > 0 ? request.referenceImages : undefined,
          callback: request.callbackUrl,
        },
      });
      const body = parseWire(z.object({ id: z.string() }), await http.read(response, { provider: "acme" }), {
        provider: "acme",
        what: "submit answer",
      });
      return { taskId: body.id };
    },
    async getStatus(handle, ctx) {
      const response = await http.get(`tasks/${encodeURIComponent(handle.taskId)}`, { signal: ctx.signal });
      return toStatus(await http.read(response, { provider: "acme", taskId: handle.taskId }));
    },
    parseCallback: (body) => toStatus(body),
  };
}
