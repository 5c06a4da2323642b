import { apixo } from "@org/imagegen-apixo";
import { createImageClient } from "@org/imagegen-core";
import { type RunningEmulator, startEmulator } from "@org/imagegen-testing";
import { xingchaoyiqing } from "@org/imagegen-xingchaoyiqing";
import { generateImage } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ImagegenProvider, imagegen } from "./index.js";

// Real sockets, real clock and the plain global fetch, as in an application; the emulator runs 1,000× faster.
let emulator: RunningEmulator;
let provider: ImagegenProvider;

beforeAll(async () => {
  (globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false;
  emulator = await startEmulator({ timeScale: 0.001 });
  const client = createImageClient({
    providers: {
      apixo: apixo({ baseUrl: emulator.apixo.baseUrl, apiKey: emulator.apixo.apiKey }),
      xingchaoyiqing: xingchaoyiqing({
        baseUrl: emulator.xingchaoyiqing.baseUrl,
        apiKey: emulator.xingchaoyiqing.apiKey,
      }),
    },
    poll: { timeScale: 0.001 },
  });
  provider = imagegen(client);
});
afterAll(() => emulator.close());

describe("generateImage over real loopback HTTP", () => {
  for (const model of ["apixo:nano-banana-pro", "xingchaoyiqing:nano-banana-pro"]) {
    it(`${model}: n: 2 makes two tasks and returns two PNGs`, async () => {
      const vendor = model.startsWith("apixo") ? emulator.apixo : emulator.xingchaoyiqing;
      const before = vendor.stats().submits;
      const result = await generateImage({
        model: provider.image(model),
        prompt: "a lighthouse at dusk",
        aspectRatio: "4:3",
        n: 2,
        providerOptions: { imagegen: { resolution: "1K" } },
      });
      expect(result.images.map((image) => image.mediaType)).toEqual(["image/png", "image/png"]);
      expect(result.images[0]?.uint8Array.byteLength).toBeGreaterThan(1_000);
      expect(vendor.stats().submits - before).toBe(2);
    });
  }
});
