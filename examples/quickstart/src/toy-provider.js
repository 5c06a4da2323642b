/**
 * A toy provider that implements the SPI of @org/imagegen-core in memory: no network, no key. Tasks
 * finish after `latencyMs`; the "image" is an SVG data URL drawn from the prompt. It shows how little an
 * adapter has to do: translate a request, report a status. The client does the polling and retrying.
 * @param {{ id: string, model: string, latencyMs: number, palette: string[] }} options
 * @returns {import("@org/imagegen-core").ImageProvider}
 */
export function toyProvider({ id, model, latencyMs, palette }) {
  const tasks = new Map();
  const status = (taskId) => {
    const task = tasks.get(taskId);
    const age = Date.now() - task.createdAt;
    const state = age < latencyMs / 3 ? "queued" : age < latencyMs ? "running" : "succeeded";
    return {
      taskId,
      state,
      images: state === "succeeded" ? [{ url: svgDataUrl(task.prompt, palette) }] : [],
      failure: undefined,
      createdAt: new Date(task.createdAt).toISOString(),
      completedAt: undefined,
      durationMs: undefined,
      raw: task,
    };
  };
  return {
    id,
    models: {
      [model]: {
        modes: ["text-to-image"],
        promptLength: { min: 1, max: 500 },
        maxReferenceImages: 0,
        aspectRatios: ["1:1", "16:9"],
        resolutions: undefined,
        outputFormats: undefined,
        latencyMs: { min: latencyMs, max: latencyMs * 1.5 },
        poll: { initialDelayMs: latencyMs / 2, intervalMs: 250 },
      },
    },
    async submit(request) {
      const taskId = `${id}_${tasks.size + 1}`;
      tasks.set(taskId, { prompt: request.prompt, createdAt: Date.now() });
      return { provider: id, model: request.model, taskId, submittedAt: new Date().toISOString() };
    },
    async getStatus(handle) {
      return status(handle.taskId);
    },
    parseCallback(body) {
      return status(body.taskId);
    },
  };
}

function svgDataUrl(prompt, palette) {
  let hash = 0;
  for (const char of prompt) hash = (hash * 31 + char.codePointAt(0)) >>> 0;
  const circles = Array.from({ length: 12 }, (_, i) => {
    const x = (hash >> i) % 320;
    const y = (hash >> (i + 3)) % 180;
    return `<circle cx="${x}" cy="${y}" r="${20 + (i % 5) * 8}" fill="${palette[i % palette.length]}" opacity="0.7"/>`;
  }).join("");
  const title = prompt.replace(/[<&"]/g, "");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180"><title>${title}</title>${circles}</svg>`;
  return `data:image/svg+xml;base64,${btoa(svg)}`;
}
