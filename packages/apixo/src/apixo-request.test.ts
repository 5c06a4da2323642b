import { ValidationError } from "@org/imagegen-core";
import { fails, succeeds, useMswServer } from "@org/imagegen-test-kit";
import { describe, expect, it } from "vitest";
import { apixo } from "./apixo-provider.js";
import { emulatedApixo } from "./test-support/emulated-apixo.js";

const server = useMswServer();
const refs = (n: number) => Array.from({ length: n }, (_, i) => `https://images.example/ref-${i}.png`);

describe("submit body: input", () => {
  it("text-to-image: mode and prompt, nothing the caller did not set", async () => {
    const { client, submitted } = emulatedApixo(server);
    await succeeds(client.generate({ prompt: "a fox in watercolor" }));
    expect(submitted()).toEqual({
      request_type: "async",
      input: { mode: "text-to-image", prompt: "a fox in watercolor" },
    });
  });

  it("image-to-image when reference images are given, with them as image_urls", async () => {
    const { client, submitted } = emulatedApixo(server);
    await succeeds(client.generate({ prompt: "the fox, in winter", referenceImages: refs(2) }));
    expect(submitted()).toEqual({
      request_type: "async",
      input: { mode: "image-to-image", prompt: "the fox, in winter", image_urls: refs(2) },
    });
  });

  it("aspect_ratio, resolution and output_format under their wire names", async () => {
    const { client, submitted } = emulatedApixo(server);
    const request = { aspectRatio: "21:9", resolution: "4K", outputFormat: "jpeg" } as const;
    await succeeds(client.generate({ model: "apixo:nano-banana-pro", prompt: "a city", ...request }));
    expect(submitted()).toMatchObject({
      input: { aspect_ratio: "21:9", resolution: "4K", output_format: "jpeg" },
    });
  });

  it('aspect ratio "auto" is sent as is', async () => {
    const { client, submitted } = emulatedApixo(server);
    await succeeds(client.generate({ prompt: "a fox", aspectRatio: "auto" }));
    expect(submitted()).toMatchObject({ input: { aspect_ratio: "auto" } });
  });
});

describe("submit body: provider (routing strategy)", () => {
  for (const route of ["auto", "value", "official"] as const) {
    it(`providerOptions.apixo.route "${route}" → provider "${route}"`, async () => {
      const { client, submitted } = emulatedApixo(server);
      await succeeds(client.generate({ prompt: "a fox", providerOptions: { apixo: { route } } }));
      expect(submitted()).toMatchObject({ provider: route });
    });
  }

  it("an unknown route is a ValidationError, and nothing is sent", async () => {
    const { client, emulator } = emulatedApixo(server);
    const error = await fails(
      client.generate({ prompt: "a fox", providerOptions: { apixo: { route: "cheapest" } } }),
    );
    expect(ValidationError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(/providerOptions\.apixo\.route/);
    expect(emulator.requests).toHaveLength(0);
  });

  it("an option APIXO does not have is a ValidationError, and nothing is sent", async () => {
    const { client, emulator } = emulatedApixo(server);
    const error = await fails(
      client.generate({ prompt: "a fox", providerOptions: { apixo: { speed: "fast" } } }),
    );
    expect(error).toMatchObject({
      name: "ValidationError",
      issues: [{ path: "providerOptions.apixo", message: expect.stringContaining("speed") }],
    });
    expect(emulator.requests).toHaveLength(0);
  });

  it("options for another vendor are ignored", async () => {
    const { client, submitted } = emulatedApixo(server);
    await succeeds(client.generate({ prompt: "a fox", providerOptions: { other: { anything: 1 } } }));
    expect(submitted()).toEqual({ request_type: "async", input: { mode: "text-to-image", prompt: "a fox" } });
  });
});

describe("model limits, checked before anything is sent", () => {
  const cases = [
    ["nano-banana takes no resolution (dropped with a warning)", "nano-banana", { resolution: "2K" }, "warn"],
    ["nano-banana takes 1–5 reference images", "nano-banana", { referenceImages: refs(6) }, "reject"],
    [
      "nano-banana-pro takes up to 10 reference images",
      "nano-banana-pro",
      { referenceImages: refs(10) },
      "ok",
    ],
    ["nano-banana-pro rejects 11", "nano-banana-pro", { referenceImages: refs(11) }, "reject"],
    ["prompts are 1–5000 characters", "nano-banana", { prompt: "x".repeat(5_001) }, "reject"],
    ["a 5000-character prompt is fine", "nano-banana-pro", { prompt: "x".repeat(5_000) }, "ok"],
  ] as const;
  for (const [name, model, fields, outcome] of cases) {
    it(name, async () => {
      const { client, emulator } = emulatedApixo(server);
      const request = { model: `apixo:${model}`, prompt: "a fox", ...fields };
      const { value, error } = await (async () => {
        try {
          return { value: await succeeds(client.generate(request)), error: undefined };
        } catch (thrown) {
          return { value: undefined, error: thrown };
        }
      })();
      if (outcome === "reject") {
        expect(ValidationError.isInstance(error)).toBe(true);
        expect(emulator.requests).toHaveLength(0);
      } else {
        expect(error).toBeUndefined();
        expect(value?.warnings.map((warning) => warning.option)).toEqual(
          outcome === "warn" ? ["resolution"] : [],
        );
        expect(emulator.stats().tasksCreated).toBe(1);
      }
    });
  }
});

describe("a model id must be one of the table or declared: a typo spends nothing", () => {
  it("a typo is a ValidationError naming the nearest model, and nothing is sent", async () => {
    const { client, emulator } = emulatedApixo(server);
    const error = await fails(client.generate({ model: "apixo:nano-bananna", prompt: "a fox" }));
    expect(ValidationError.isInstance(error)).toBe(true);
    expect(error.message).toContain(
      'Model "apixo:nano-bananna" is not available. Did you mean "apixo:nano-banana"?',
    );
    expect(emulator.requests).toHaveLength(0);
  });

  it("a typo with an option only the intended model has is refused, not sent with the option dropped", async () => {
    const { client, emulator } = emulatedApixo(server);
    const error = await fails(
      client.generate({ model: "apixo:nano-bananna-pro", prompt: "a fox", resolution: "4K" }),
    );
    expect(error.message).toContain('Did you mean "apixo:nano-banana-pro"?');
    expect(emulator.requests).toHaveLength(0);
  });

  it("another APIXO model not declared is refused with how to declare it", async () => {
    const { client, emulator } = emulatedApixo(server);
    const error = await fails(
      client.generate({ model: "apixo:flux-2", prompt: "a fox", providerOptions: { apixo: { input: {} } } }),
    );
    expect(error.message).toContain(
      'To use another APIXO model, declare it: apixo({ passThrough: ["flux-2"] }).',
    );
    expect(emulator.requests).toHaveLength(0);
  });

  it("declared ids are listed with the pass-through capabilities; a documented id keeps its own", () => {
    const adapter = apixo({ passThrough: ["flux-2", "nano-banana"] });
    expect(Object.keys(adapter.models)).toEqual(["flux-2", "nano-banana", "nano-banana-pro"]);
    expect(adapter.models["flux-2"]).toMatchObject({ aspectRatios: undefined, maxReferenceImages: 100 });
    expect(adapter.models["nano-banana"]).toMatchObject({ maxReferenceImages: 5, pricePerImageUsd: 0.03 });
  });

  it("an id that is no model id is a ValidationError at start-up", () => {
    for (const id of ["", "..", "flux/2", "sora 2", "../statusTask"]) {
      const create = () => apixo({ passThrough: [id] });
      expect(create).toThrow(ValidationError);
      expect(create).toThrow(JSON.stringify(id));
    }
  });
});

describe("other APIXO models (pass-through)", () => {
  const declared = { apixo: { passThrough: ["flux-2", "midjourney", "sora-2"] } };

  it("send providerOptions.apixo.input as the input, over the prompt and references", async () => {
    const { client, submitted } = emulatedApixo(server, declared);
    const input = { aspect_ratio: "16:9", steps: 30, guidance: { scale: 3.5 } };
    const result = await succeeds(
      client.generate({
        model: "apixo:flux-2",
        prompt: "a fox",
        referenceImages: refs(1),
        providerOptions: { apixo: { input, route: "value" } },
      }),
    );
    expect(submitted()).toEqual({
      request_type: "async",
      provider: "value",
      input: { prompt: "a fox", image_urls: refs(1), ...input },
    });
    expect(result.images).toHaveLength(1);
    expect(result.handle).toMatchObject({ provider: "apixo", model: "flux-2" });
  });

  it("drop the unified aspect ratio, resolution and format with a warning pointing at input", async () => {
    const { client, submitted } = emulatedApixo(server, declared);
    const result = await succeeds(
      client.generate({
        model: "apixo:midjourney",
        prompt: "a fox",
        aspectRatio: "16:9",
        outputFormat: "png",
      }),
    );
    expect(result.warnings.map((warning) => warning.option)).toEqual(["aspectRatio", "outputFormat"]);
    expect(submitted()).toEqual({ request_type: "async", input: { prompt: "a fox" } });
  });

  it("take a prompt the input overrides", async () => {
    const { client, submitted } = emulatedApixo(server, declared);
    await succeeds(
      client.generate({
        model: "apixo:sora-2",
        prompt: "unused",
        providerOptions: { apixo: { input: { prompt: "a fox running", duration: 8 } } },
      }),
    );
    expect(submitted()).toEqual({ request_type: "async", input: { prompt: "a fox running", duration: 8 } });
  });

  it("on a known model, input adds fields newer than this SDK (the emulator, like APIXO, refuses unknown ones)", async () => {
    const { client, submitted } = emulatedApixo(server);
    await succeeds(
      client.generate({ prompt: "a fox", providerOptions: { apixo: { input: { output_format: "jpeg" } } } }),
    );
    expect(submitted()).toMatchObject({ input: { mode: "text-to-image", output_format: "jpeg" } });
    const rejected = await fails(
      client.generate({ prompt: "a fox", providerOptions: { apixo: { input: { seed: 7 } } } }),
    );
    expect(rejected).toMatchObject({ name: "ValidationError", statusCode: 400 });
  });

  it("input must be an object", async () => {
    const { client, emulator } = emulatedApixo(server, declared);
    const error = await fails(
      client.generate({ model: "apixo:flux-2", prompt: "a fox", providerOptions: { apixo: { input: "x" } } }),
    );
    expect(error).toMatchObject({
      name: "ValidationError",
      issues: [{ path: "providerOptions.apixo.input" }],
    });
    expect(emulator.requests).toHaveLength(0);
  });
});
