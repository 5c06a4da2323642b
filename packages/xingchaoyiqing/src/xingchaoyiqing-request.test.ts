import { fails, succeeds, useMswServer } from "@org/imagegen-test-kit";
import { describe, expect, it } from "vitest";
import { emulatedXingchaoyiqing } from "./test-support/emulated-xingchaoyiqing.js";

const server = useMswServer();
const refs = (n: number) => Array.from({ length: n }, (_, i) => `https://images.example/ref-${i}.png`);
const MODELS = [
  "nano-banana",
  "nano-banana-2",
  "nano-banana-pro",
  "nano-banana-2-stable",
  "nano-banana-pro-stable",
] as const;

describe("create body", () => {
  it("model and prompt; nothing the caller did not set", async () => {
    const { client, submitted } = emulatedXingchaoyiqing(server);
    await succeeds(client.generate({ prompt: "a cute orange cat on a windowsill" }));
    expect(submitted()).toEqual({ model: "nano-banana", prompt: "a cute orange cat on a windowsill" });
  });

  it('resolution in lower case: "2K" → "2k"', async () => {
    const { client, submitted } = emulatedXingchaoyiqing(server);
    await succeeds(
      client.generate({ model: "xingchaoyiqing:nano-banana-pro", prompt: "a cat", resolution: "2K" }),
    );
    expect(submitted()).toMatchObject({ resolution: "2k" });
  });

  it("the aspect ratio → size", async () => {
    const { client, submitted } = emulatedXingchaoyiqing(server);
    await succeeds(client.generate({ prompt: "a cat", aspectRatio: "21:9" }));
    expect(submitted()).toMatchObject({ size: "21:9" });
  });

  it("reference images → image_urls", async () => {
    const { client, submitted } = emulatedXingchaoyiqing(server);
    await succeeds(client.generate({ prompt: "the cat, in snow", referenceImages: refs(6) }));
    expect(submitted()).toEqual({ model: "nano-banana", prompt: "the cat, in snow", image_urls: refs(6) });
  });

  it("every one of the five models is accepted", async () => {
    const { client, emulator } = emulatedXingchaoyiqing(server);
    for (const model of MODELS) {
      await succeeds(client.generate({ model: `xingchaoyiqing:${model}`, prompt: "a cat" }));
    }
    expect(emulator.tasks().map((task) => task.model)).toEqual(MODELS);
  });
});

describe("what the vendor cannot take, checked before anything is sent", () => {
  // An option value the model cannot honour is left out with a warning, as in the AI SDK, unless strict.
  const unhonoured = [
    ["4K on nano-banana-2", { model: "xingchaoyiqing:nano-banana-2", resolution: "4K" }, "resolution"],
    ["2K on nano-banana", { model: "xingchaoyiqing:nano-banana", resolution: "2K" }, "resolution"],
    [
      "2K on nano-banana-2-stable",
      { model: "xingchaoyiqing:nano-banana-2-stable", resolution: "2K" },
      "resolution",
    ],
    ['aspect ratio "auto"', { aspectRatio: "auto" }, "aspectRatio"],
  ] as const;
  for (const [name, fields, option] of unhonoured) {
    it(`${name}: sent without it, with a warning`, async () => {
      const { client, submitted } = emulatedXingchaoyiqing(server);
      const result = await succeeds(client.generate({ prompt: "a cat", ...fields }));
      expect(result.warnings).toEqual([
        expect.objectContaining({ type: "unsupported-option", option, provider: "xingchaoyiqing" }),
      ]);
      expect(submitted()).not.toHaveProperty(option === "resolution" ? "resolution" : "size");
    });

    it(`${name}, strict: ValidationError, nothing sent`, async () => {
      const { client, emulator } = emulatedXingchaoyiqing(server);
      const error = await fails(client.generate({ prompt: "a cat", ...fields, strict: true }));
      expect(error).toMatchObject({
        name: "ValidationError",
        issues: [expect.objectContaining({ path: option })],
      });
      expect(emulator.requests).toHaveLength(0);
    });
  }

  const rejected = [
    ["7 reference images", { referenceImages: refs(7) }, "referenceImages"],
    ["a model the vendor does not list", { model: "xingchaoyiqing:nano-banana-3" }, "model"],
  ] as const;
  for (const [name, fields, path] of rejected) {
    it(`${name}: ValidationError, nothing sent`, async () => {
      const { client, emulator } = emulatedXingchaoyiqing(server);
      const error = await fails(client.generate({ prompt: "a cat", ...fields }));
      expect(error).toMatchObject({ name: "ValidationError", issues: [expect.objectContaining({ path })] });
      expect(emulator.requests).toHaveLength(0);
    });
  }

  for (const model of ["nano-banana-pro", "nano-banana-pro-stable"]) {
    it(`4K on ${model} is fine`, async () => {
      const { client, submitted } = emulatedXingchaoyiqing(server);
      await succeeds(
        client.generate({ model: `xingchaoyiqing:${model}`, prompt: "a cat", resolution: "4K" }),
      );
      expect(submitted()).toMatchObject({ resolution: "4k" });
    });
  }

  it("1K is fine on every model", async () => {
    const { client, emulator } = emulatedXingchaoyiqing(server);
    for (const model of MODELS) {
      await succeeds(
        client.generate({ model: `xingchaoyiqing:${model}`, prompt: "a cat", resolution: "1K" }),
      );
    }
    expect(emulator.tasks().map((task) => (task.request as { resolution: string }).resolution)).toEqual(
      MODELS.map(() => "1k"),
    );
  });
});

describe("output format: the vendor has none", () => {
  it("is dropped with a structured warning", async () => {
    const { client, submitted } = emulatedXingchaoyiqing(server);
    const result = await succeeds(client.generate({ prompt: "a cat", outputFormat: "jpeg" }));
    expect(result.warnings).toEqual([
      expect.objectContaining({
        type: "unsupported-option",
        option: "outputFormat",
        provider: "xingchaoyiqing",
        model: "nano-banana",
      }),
    ]);
    expect(submitted()).toEqual({ model: "nano-banana", prompt: "a cat" });
  });

  it("is a ValidationError in strict mode, nothing sent", async () => {
    const { client, emulator } = emulatedXingchaoyiqing(server, { client: { strict: true } });
    const error = await fails(client.generate({ prompt: "a cat", outputFormat: "png" }));
    expect(error).toMatchObject({ name: "ValidationError" });
    expect(emulator.requests).toHaveLength(0);
  });
});

describe("providerOptions.xingchaoyiqing", () => {
  it("body is merged over the create body, for fields newer than this SDK", async () => {
    const { client, submitted } = emulatedXingchaoyiqing(server);
    await succeeds(
      client.generate({ prompt: "a cat", providerOptions: { xingchaoyiqing: { body: { size: "4:5" } } } }),
    );
    expect(submitted()).toEqual({ model: "nano-banana", prompt: "a cat", size: "4:5" });
  });

  it("anything else is a ValidationError, nothing sent", async () => {
    const { client, emulator } = emulatedXingchaoyiqing(server);
    const error = await fails(
      client.generate({ prompt: "a cat", providerOptions: { xingchaoyiqing: { quality: "hd" } } }),
    );
    expect(error).toMatchObject({
      name: "ValidationError",
      issues: [{ path: "providerOptions.xingchaoyiqing", message: expect.stringContaining("quality") }],
    });
    expect(emulator.requests).toHaveLength(0);
  });
});
