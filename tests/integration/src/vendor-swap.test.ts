import { apixo } from "@org/imagegen-apixo";
import { createImageClient, downloadImage, type ImageGenEvent, type ImageRequest } from "@org/imagegen-core";
import { succeeds, useMswServer, useVirtualTime } from "@org/imagegen-test-kit";
import { createApixoEmulator, createXingchaoyiqingEmulator } from "@org/imagegen-testing";
import { xingchaoyiqing } from "@org/imagegen-xingchaoyiqing";
import { PNG } from "pngjs";
import { describe, expect, it, vi } from "vitest";

const server = useMswServer();

/** The application's setup: both vendors configured, the model chosen by config alone. */
function appClient(keys: { apixo: string; xingchaoyiqing: string }, events: ImageGenEvent[]) {
  return createImageClient({
    providers: {
      apixo: apixo({ apiKey: keys.apixo }),
      xingchaoyiqing: xingchaoyiqing({ apiKey: keys.xingchaoyiqing }),
    },
    defaultModel: process.env.IMAGEGEN_MODEL ?? "apixo:nano-banana",
    onEvent: (event) => events.push(event),
  });
}

/** The application's one call, the same object whichever vendor runs it. */
const request: ImageRequest = {
  prompt: "a fox in watercolor",
  aspectRatio: "16:9",
  resolution: "2K",
  referenceImages: ["https://images.example/fox-sketch.png"],
  providerOptions: { apixo: { route: "official" } },
};

async function runWith(model: string, call: ImageRequest = request) {
  useVirtualTime();
  const vendors = { apixo: createApixoEmulator(), xingchaoyiqing: createXingchaoyiqingEmulator() };
  server.use(...vendors.apixo.handlers, ...vendors.xingchaoyiqing.handlers);
  vi.stubEnv("IMAGEGEN_MODEL", model);
  const events: ImageGenEvent[] = [];
  const client = appClient(
    { apixo: vendors.apixo.apiKey, xingchaoyiqing: vendors.xingchaoyiqing.apiKey },
    events,
  );
  const result = await succeeds(client.generate(call));
  const image = await succeeds(downloadImage(result.images[0] ?? { url: "" }));
  const png = PNG.sync.read(Buffer.from(image.bytes));
  return {
    result,
    events,
    vendors,
    image: { mediaType: image.mediaType, width: png.width, height: png.height },
  };
}

describe("a vendor swap is config only", () => {
  it("apixo:nano-banana-pro and xingchaoyiqing:nano-banana-pro give equivalent results", async () => {
    const a = await runWith("apixo:nano-banana-pro");
    const x = await runWith("xingchaoyiqing:nano-banana-pro");

    // Each request went to its own vendor only, in that vendor's words.
    expect(a.vendors.xingchaoyiqing.requests).toHaveLength(0);
    expect(x.vendors.apixo.requests).toHaveLength(0);
    expect(a.vendors.apixo.tasks()[0]?.request).toEqual({
      request_type: "async",
      provider: "official",
      input: {
        mode: "image-to-image",
        prompt: "a fox in watercolor",
        image_urls: ["https://images.example/fox-sketch.png"],
        aspect_ratio: "16:9",
        resolution: "2K",
      },
    });
    expect(x.vendors.xingchaoyiqing.tasks()[0]?.request).toEqual({
      model: "nano-banana-pro",
      prompt: "a fox in watercolor",
      resolution: "2k",
      size: "16:9",
      image_urls: ["https://images.example/fox-sketch.png"],
    });

    // The same result, in the same shape.
    for (const run of [a, x]) {
      expect(run.result.warnings).toEqual([]);
      expect(run.result.images).toEqual([{ url: expect.any(String), expiresAt: expect.any(String) }]);
      expect(run.result.status).toMatchObject({ state: "succeeded", failure: undefined });
      expect(run.result.handle).toMatchObject({
        model: "nano-banana-pro",
        expectedLatencyMs: { min: 30_000 },
      });
    }
    expect(a.result.handle.provider).toBe("apixo");
    expect(x.result.handle.provider).toBe("xingchaoyiqing");
    expect(Object.keys(a.result.status).sort()).toEqual(Object.keys(x.result.status).sort());
    expect(a.image).toEqual(x.image);
    expect(a.image).toMatchObject({ mediaType: "image/png" });
    expect(a.image.width / a.image.height).toBeCloseTo(16 / 9, 1);

    // The same lifecycle, as the application sees it.
    const lifecycle = (events: ImageGenEvent[]) =>
      events.flatMap((event) => (event.type === "state" ? [`${event.previous}→${event.state}`] : []));
    expect(lifecycle(a.events)).toEqual(["submitting→queued", "queued→running", "running→succeeded"]);
    expect(lifecycle(x.events)).toEqual(lifecycle(a.events));
  });

  it("an option one vendor lacks is the only difference: a structured warning there", async () => {
    const a = await runWith("apixo:nano-banana-pro", { ...request, outputFormat: "png" });
    const x = await runWith("xingchaoyiqing:nano-banana-pro", { ...request, outputFormat: "png" });
    expect(a.result.warnings).toEqual([]);
    expect(x.result.warnings).toEqual([
      expect.objectContaining({
        type: "unsupported-option",
        option: "outputFormat",
        provider: "xingchaoyiqing",
      }),
    ]);
    expect(a.image).toEqual(x.image);
  });
});
