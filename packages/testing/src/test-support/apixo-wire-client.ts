import type { Emulator } from "../engine/emulator.js";

/** APIXO's two calls done with plain fetch, as the vendor's quickstart does: no SDK code in between. */
export function apixoWire(emulator: Emulator, key = emulator.apiKey) {
  const headers = { Authorization: `Bearer ${key}`, "Content-Type": "application/json" };
  return {
    submit: (body: unknown, model = "nano-banana", init: RequestInit = {}) =>
      fetch(`${emulator.baseUrl}/generateTask/${model}`, {
        method: "POST",
        headers,
        body: typeof body === "string" ? body : JSON.stringify(body),
        ...init,
      }),
    status: (taskId: string, model = "nano-banana") =>
      fetch(`${emulator.baseUrl}/statusTask/${model}?taskId=${encodeURIComponent(taskId)}`, {
        headers: { Authorization: `Bearer ${key}` },
      }),
  };
}

/** The quickstart's text-to-image body. */
export function textToImage(
  prompt: string,
  input: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
) {
  return { request_type: "async", ...extra, input: { mode: "text-to-image", prompt, ...input } };
}
