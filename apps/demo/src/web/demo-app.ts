import { readFile } from "node:fs/promises";
import {
  AuthenticationError,
  ImageGenError,
  type TaskHandle,
  type TaskStatus,
  ValidationError,
} from "@org/imagegen-core";
import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import type { DemoSetup } from "../shared/demo-setup.js";
import { scaleLatency, scaleRange } from "../shared/expected-latency.js";
import { waitAndSave } from "../shared/run-task.js";
import { progressLine, startProgress, type TaskProgress, trackProgress } from "../shared/task-progress.js";
import type { Gallery } from "./gallery.js";
import { type BoardEvent, isFinal, TaskBoard } from "./task-board.js";

// Relative to dist/web.js: the web demo always runs built (`pnpm demo:web`, and so do its tests).
const PUBLIC = new URL("../public/", import.meta.url);
const ASSETS: Readonly<Record<string, string>> = {
  "/": "index.html",
  "/app.js": "app.js",
  "/style.css": "style.css",
  "/favicon.svg": "favicon.svg",
  // Browsers and tools ask for this path whatever the page links: the same icon, rather than a 404.
  "/favicon.ico": "favicon.svg",
};
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  html: "text/html; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  svg: "image/svg+xml",
};

/** The page's form, as posted: blank fields mean "the model's default". */
interface TaskForm {
  prompt?: unknown;
  model?: unknown;
  aspectRatio?: unknown;
  resolution?: unknown;
  outputFormat?: unknown;
  referenceImages?: unknown;
}

const given = (value: unknown) => (value === "" || value === null ? undefined : value);

/** The web demo's routes: the page, its JSON API with live progress over SSE, the gallery and the callback. */
export function createDemoApp(
  setup: DemoSetup,
  gallery: Gallery,
  callbackMode: boolean,
  onCallback?: (status: TaskStatus) => void,
): Hono {
  const board = new TaskBoard();
  const app = new Hono();

  for (const [path, file] of Object.entries(ASSETS)) {
    app.get(path, async (c) => {
      const body = await readFile(new URL(file, PUBLIC), "utf8");
      return c.body(body, 200, {
        "content-type": CONTENT_TYPES[file.split(".").pop() ?? ""] ?? "text/plain",
      });
    });
  }

  app.get("/api/config", (c) =>
    c.json({
      defaultModel: setup.defaultModel,
      callback: callbackMode,
      uploads: setup.canUpload,
      models: setup.client.models().map(({ id, capabilities }) => ({
        id,
        notice: setup.noticeFor(id) ?? null,
        aspectRatios: capabilities.aspectRatios ?? [],
        resolutions: capabilities.resolutions ?? [],
        outputFormats: capabilities.outputFormats ?? [],
        maxReferenceImages: capabilities.maxReferenceImages,
        // The typical latency at the pace this model runs at here, for the page's expected duration.
        latencyMs: scaleLatency(capabilities.latencyMs, setup.timeScaleFor(id)),
      })),
    }),
  );

  app.post("/api/tasks", async (c) => {
    const form = (await c.req.json().catch(() => ({}))) as TaskForm;
    const request = {
      model: given(form.model) ?? setup.defaultModel,
      prompt: form.prompt,
      aspectRatio: given(form.aspectRatio),
      resolution: given(form.resolution),
      outputFormat: given(form.outputFormat),
      referenceImages:
        Array.isArray(form.referenceImages) && form.referenceImages.length > 0
          ? form.referenceImages
          : undefined,
    } as Parameters<typeof setup.client.submit>[0];
    // The submit's events (its warnings, `submitting → queued`) start the progress the page is shown.
    const submitting = trackProgress(startProgress("submitting", Date.now()));
    try {
      const handle = await setup.client.submit({ ...request, onEvent: submitting.onEvent });
      follow(handle, submitting.current(), String(request.prompt));
      return c.json({ id: handle.taskId, handle }, 202);
    } catch (error) {
      return c.json({ error: describe(error) }, error instanceof ValidationError ? 400 : 502);
    }
  });

  // A page reloaded after this server restarted still holds the task's handle: it waits on it again, never
  // submits again. A task this server follows already is left as it is.
  app.post("/api/tasks/resume", async (c) => {
    const { handle, prompt } = (await c.req.json().catch(() => ({}))) as {
      handle?: TaskHandle;
      prompt?: unknown;
    };
    if (typeof handle?.taskId !== "string" || typeof handle.provider !== "string") {
      return c.json({ error: { name: "ValidationError", message: "Give the task's handle." } }, 400);
    }
    if (!board.has(handle.taskId)) {
      follow(
        handle,
        startProgress("queued", Date.parse(handle.submittedAt) || Date.now()),
        String(prompt ?? ""),
      );
    }
    return c.json({ id: handle.taskId, handle }, 202);
  });

  /** Waits for the task on the board, so every page (and a reloaded one) sees its progress and its images. */
  function follow(handle: TaskHandle, start: TaskProgress, prompt: string): void {
    const model = `${handle.provider}:${handle.model}`;
    const expectedMs =
      handle.expectedLatencyMs && scaleRange(handle.expectedLatencyMs, setup.timeScaleFor(model));
    board.track(handle.taskId, async (emit) => {
      const show = (progress: TaskProgress) =>
        emit({ type: "progress", ...progress, line: progressLine(progress), expectedMs });
      const waiting = trackProgress(start, show);
      show(waiting.current());
      const { result, saved } = await waitAndSave(setup, handle, {
        outDir: gallery.dir,
        onEvent: waiting.onEvent,
      });
      emit({ type: "done", images: await gallery.add(result, saved, prompt) });
    });
  }

  app.get("/api/tasks/:id/events", (c) =>
    streamSSE(c, async (stream) => {
      const events: BoardEvent[] = [];
      let wake = () => {};
      const unsubscribe = board.subscribe(c.req.param("id"), (event) => {
        events.push(event);
        wake();
      });
      if (!unsubscribe) {
        await stream.writeSSE({
          event: "error",
          data: JSON.stringify({ name: "Error", message: "No such task." }),
        });
        return;
      }
      stream.onAbort(() => wake());
      try {
        while (!stream.aborted) {
          const event = events.shift();
          if (!event) {
            await new Promise<void>((resolve) => {
              wake = resolve;
            });
            continue;
          }
          await stream.writeSSE({ event: event.type, data: JSON.stringify(event) });
          if (isFinal(event)) break;
        }
      } finally {
        unsubscribe();
      }
    }),
  );

  app.get("/api/gallery", async (c) => c.json(await gallery.list()));

  app.get("/gallery/:name", async (c) => {
    const file = await gallery.file(c.req.param("name"));
    if (!file) return c.notFound();
    return c.body(new Uint8Array(file.bytes), 200, { "content-type": file.mediaType });
  });

  app.post("/callback", async (c) => {
    if (!callbackMode) return c.json({ error: "Callback mode is off; start with --callback." }, 404);
    try {
      const status = await setup.client.handleCallback(c.req.raw);
      onCallback?.(status);
      return c.json({ taskId: status.taskId, state: status.state });
    } catch (error) {
      return c.json({ error: describe(error) }, error instanceof AuthenticationError ? 401 : 400);
    }
  });

  return app;
}

/** The user-facing part of an error: our classes' messages say what to do. */
function describe(error: unknown): { name: string; message: string } {
  if (error instanceof ImageGenError || error instanceof Error)
    return { name: error.name, message: error.message };
  return { name: "Error", message: String(error) };
}
