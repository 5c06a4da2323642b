import { apixo } from "@org/imagegen-apixo";
import {
  ContentPolicyError,
  createImageClient,
  downloadImage,
  type ImageGenEvent,
  type ImageRequest,
  InsufficientBalanceError,
} from "@org/imagegen-core";
import { fails, succeeds, useMswServer, useVirtualTime } from "@org/imagegen-test-kit";
import {
  createApixoEmulator,
  createXingchaoyiqingEmulator,
  FAIL_MESSAGES,
  XINGCHAOYIQING_FAIL_MESSAGES,
} from "@org/imagegen-testing";
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

/** Both emulators on the msw server, and the application's client with `model` chosen by config. */
function setupApp(model: string) {
  useVirtualTime();
  const vendors = { apixo: createApixoEmulator(), xingchaoyiqing: createXingchaoyiqingEmulator() };
  server.use(...vendors.apixo.handlers, ...vendors.xingchaoyiqing.handlers);
  vi.stubEnv("IMAGEGEN_MODEL", model);
  const events: ImageGenEvent[] = [];
  const client = appClient(
    { apixo: vendors.apixo.apiKey, xingchaoyiqing: vendors.xingchaoyiqing.apiKey },
    events,
  );
  return { client, vendors, events };
}

async function runWith(model: string, call: ImageRequest = request) {
  const { client, vendors, events } = setupApp(model);
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

  // The root README's quick start request: the swap is one line of config on every configured model.
  const readmeRequest: ImageRequest = {
    prompt: "a fox in watercolor",
    aspectRatio: "16:9",
    resolution: "2K",
  };
  const everyModel = createImageClient({ providers: { apixo: apixo(), xingchaoyiqing: xingchaoyiqing() } })
    .models()
    .map(({ id, provider, model, capabilities }) => ({
      id,
      provider,
      model,
      takes2K: capabilities.resolutions?.includes("2K"),
    }));

  it.each(everyModel)(
    "the README's request runs on $id; what it cannot honour is a warning",
    async (entry) => {
      const { result } = await runWith(entry.id, readmeRequest);
      expect(result.status.state).toBe("succeeded");
      const dropped = expect.objectContaining({
        option: "resolution",
        provider: entry.provider,
        model: entry.model,
      });
      expect(result.warnings).toEqual(entry.takes2K ? [] : [dropped]);
    },
  );

  // Code that catches an outcome must keep working when the model moves to the other vendor.
  const outcomes = [
    ["a content refusal", "CONTENT_VIOLATION", ContentPolicyError],
    ["an account out of credit", "INSUFFICIENT_BALANCE", InsufficientBalanceError],
  ] as const;
  for (const [outcome, scenario, errorClass] of outcomes) {
    it(`${outcome} is a ${errorClass.errorName} on both vendors, whatever their wording`, async () => {
      const failures = [];
      for (const model of ["apixo:nano-banana-pro", "xingchaoyiqing:nano-banana-pro"]) {
        const { client, vendors } = setupApp(model);
        const error = await fails(
          client.generate({ ...request, prompt: `a fox [emulator: fail=${scenario}]` }),
        );
        const [task] = [...vendors.apixo.tasks(), ...vendors.xingchaoyiqing.tasks()];
        failures.push({ error, task });
      }
      const [onApixo, onXingchaoyiqing] = failures;
      for (const { error } of failures) {
        expect(errorClass.isInstance(error)).toBe(true);
        expect(error).toMatchObject({ retryable: false });
      }
      // The vendors said it differently: APIXO with a fail code, xingchaoyiqing in Chinese words only.
      expect(onApixo?.error.message).toContain(FAIL_MESSAGES[scenario]);
      expect(onXingchaoyiqing?.error.message).toContain(XINGCHAOYIQING_FAIL_MESSAGES[scenario]);
      expect(onApixo?.error.message).not.toBe(onXingchaoyiqing?.error.message);
      expect(onApixo?.error).toMatchObject({ provider: "apixo", taskId: onApixo?.task?.id });
      expect(onXingchaoyiqing?.error).toMatchObject({
        provider: "xingchaoyiqing",
        taskId: onXingchaoyiqing?.task?.id,
      });
    });
  }
});
