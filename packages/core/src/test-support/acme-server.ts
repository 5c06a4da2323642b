import { HttpResponse, http } from "msw";
import { ACME_BASE_URL } from "./acme-provider.js";

export const ACME_KEY = "acme-secret-key-123";
export const ACME_CDN = "https://cdn.acme.test";

export interface AcmeTask {
  id: string;
  prompt: string;
  createdAt: number;
  body: Record<string, unknown>;
}

/** The smallest valid PNG signature plus filler, enough for media-type sniffing. */
export const PNG_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

/**
 * msw handlers of the Acme test vendor. A task is `waiting` for the first half of `durationMs`, `working`
 * for the second, then `done` — or `error` when its prompt is `fail:CODE`. Counts every call it answers.
 * With `reportsDuration`, a done task says how long it took (`took_ms`), as some vendors do.
 */
export function createAcmeServer({ durationMs = 15_000, reportsDuration = false } = {}) {
  const tasks = new Map<string, AcmeTask>();

  const statusOf = (task: AcmeTask) => {
    const age = Date.now() - task.createdAt;
    if (age < durationMs / 2) return { id: task.id, status: "waiting" };
    if (age < durationMs) return { id: task.id, status: "working" };
    const failed = /^fail:(\w+)/.exec(task.prompt);
    if (failed)
      return { id: task.id, status: "error", error: { code: failed[1], message: `refused: ${failed[1]}` } };
    const done = { id: task.id, status: "done", urls: [`${ACME_CDN}/${task.id}.png`] };
    return reportsDuration ? { ...done, took_ms: durationMs } : done;
  };

  const unauthorized = (request: Request) =>
    request.headers.get("authorization") === `Bearer ${ACME_KEY}`
      ? undefined
      : HttpResponse.json({ message: "invalid api key" }, { status: 401 });

  const handlers = [
    http.post(`${ACME_BASE_URL}/tasks`, async ({ request }) => {
      const denied = unauthorized(request);
      if (denied) return denied;
      const body = (await request.json()) as Record<string, unknown>;
      const task = { id: `task_${tasks.size + 1}`, prompt: String(body.prompt), createdAt: Date.now(), body };
      tasks.set(task.id, task);
      return HttpResponse.json({ id: task.id });
    }),
    http.get(`${ACME_BASE_URL}/tasks/:id`, ({ request, params }) => {
      const denied = unauthorized(request);
      if (denied) return denied;
      const task = tasks.get(String(params.id));
      if (!task) return HttpResponse.json({ message: "no such task" }, { status: 404 });
      return HttpResponse.json(statusOf(task));
    }),
    http.get(`${ACME_CDN}/:file`, () => {
      return new HttpResponse(PNG_BYTES, { headers: { "content-type": "image/png" } });
    }),
  ];

  return { handlers, tasks, statusOf };
}
