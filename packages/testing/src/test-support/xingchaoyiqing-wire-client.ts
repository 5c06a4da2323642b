import type { Emulator } from "../engine/emulator.js";

/** xingchaoyiqing's two calls with plain fetch. */
export function xingchaoyiqingWire(emulator: Emulator, key = emulator.apiKey) {
  return {
    create: (body: unknown) =>
      fetch(`${emulator.baseUrl}/v1/banana/images`, {
        method: "POST",
        headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
    result: (id: string) =>
      fetch(`${emulator.baseUrl}/v1/result/${encodeURIComponent(id)}`, {
        headers: { Authorization: `Bearer ${key}` },
      }),
  };
}
