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

/**
 * Fast but real: short backoffs, a 500 ms request timeout. Polls follow the emulator's pace (a thousand times the
 * vendors'), from its own `clientOptions`.
 */
export const FAST = {
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
    providers: { [vendor]: FACTORIES[vendor](emulator.providerSettings) },
    defaultModel: MODEL[vendor],
    clock,
    ...running.clientOptions,
    ...FAST,
    ...options,
  });
  return { running, emulator, client, clock, close: () => running.close() };
}
