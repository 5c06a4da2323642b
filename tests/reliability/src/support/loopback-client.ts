import { apixo } from "@org/imagegen-apixo";
import { createImageClient, type ImageClientOptions } from "@org/imagegen-core";
import { type RunningEmulator, startEmulator } from "@org/imagegen-testing";
import { xingchaoyiqing } from "@org/imagegen-xingchaoyiqing";
import { countingClock } from "./counting-clock.js";

export const VENDORS = ["apixo", "xingchaoyiqing"] as const;
export type Vendor = (typeof VENDORS)[number];

export const MODEL: Record<Vendor, string> = {
  apixo: "apixo:nano-banana",
  xingchaoyiqing: "xingchaoyiqing:nano-banana",
};

/** Fast but real: a thousand times the vendors' pace, short backoffs, a 500 ms request timeout. */
export const FAST = {
  poll: { initialDelayMs: 20, intervalMs: 20, maxIntervalMs: 50 },
  retry: { baseDelayMs: 20, maxDelayMs: 100, maxRetryAfterMs: 3_000 },
  requestTimeoutMs: 500,
  timeoutMs: 10_000,
} satisfies Partial<ImageClientOptions>;

export const FACTORIES = { apixo, xingchaoyiqing };

/**
 * One vendor's emulator on a real socket, and a client for it on a clock that counts pending timers. `apiKey`
 * is the key both sides use (default: the emulator's own).
 */
export async function loopbackClient(
  vendor: Vendor,
  options: Partial<ImageClientOptions> = {},
  apiKey?: string,
) {
  const running: RunningEmulator<Vendor> = await startEmulator({
    vendors: [vendor],
    timeScale: 0.001,
    ...(apiKey !== undefined && { apiKey }),
  });
  const emulator = running[vendor];
  const clock = countingClock();
  const client = createImageClient({
    providers: { [vendor]: FACTORIES[vendor]({ baseUrl: emulator.baseUrl, apiKey: emulator.apiKey }) },
    defaultModel: MODEL[vendor],
    clock,
    ...FAST,
    ...options,
  });
  return { running, emulator, client, clock, close: () => running.close() };
}
