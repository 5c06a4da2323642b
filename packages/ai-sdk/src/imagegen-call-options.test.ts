import { UploadError, ValidationError } from "@org/imagegen-core";
import { settle, useMswServer } from "@org/imagegen-test-kit";
import { generateImage } from "ai";
import { describe, expect, it } from "vitest";
import { submittedHandles } from "./index.js";
import { setup, uploadHost } from "./test-support/setup.js";

// Every test calls the real generateImage of `ai` 7 against the vendors' emulators.
const server = useMswServer();

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const base64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));

describe("settings neither vendor has become warnings, and are not sent", () => {
  it("size, seed, mask and extra headers are `unsupported`; the user agent is not", async () => {
    const { provider, vendors, requests } = setup(server, uploadHost(server));
    const { value: result } = await settle(
      generateImage({
        model: provider.image("apixo:nano-banana"),
        prompt: { text: "the fox, in winter", images: [PNG], mask: PNG },
        size: "1024x1024",
        seed: 7,
        headers: { "x-trace-id": "trace-secret-value" },
      }),
    );
    expect(result?.warnings.map((warning) => (warning as { feature: string }).feature)).toEqual([
      "size",
      "seed",
      "mask",
      "headers",
    ]);
    expect(JSON.stringify(result?.warnings)).toContain("x-trace-id");
    expect(JSON.stringify(result?.warnings)).not.toContain("trace-secret-value");
    expect(JSON.stringify(result?.warnings)).not.toContain("user-agent");
    expect(requests.some((request) => request.headers.has("x-trace-id"))).toBe(false);
    expect(vendors.apixo.tasks()[0]?.request).toMatchObject({
      input: { mode: "image-to-image", prompt: "the fox, in winter" },
    });
  });

  it("the client's own warnings come through in the AI SDK's words", async () => {
    const { provider } = setup(server);
    const { value: result } = await settle(
      generateImage({
        model: provider.image("apixo:nano-banana"),
        prompt: "a fox",
        providerOptions: { imagegen: { resolution: "2K" } },
      }),
    );
    expect(result?.warnings).toEqual([
      { type: "unsupported", feature: "resolution", details: expect.stringContaining("has no resolution") },
    ]);
  });
});

describe("providerOptions", () => {
  it("imagegen takes the unified options; a vendor's entry goes to that vendor", async () => {
    const { provider, vendors } = setup(server);
    await settle(
      generateImage({
        model: provider.image("apixo:nano-banana-pro"),
        prompt: "a fox",
        aspectRatio: "3:2",
        providerOptions: {
          imagegen: { resolution: "2K", outputFormat: "jpeg" },
          apixo: { route: "official" },
          xingchaoyiqing: { ignored: true },
        },
      }),
    );
    expect(vendors.apixo.tasks()[0]?.request).toMatchObject({
      provider: "official",
      input: { aspect_ratio: "3:2", resolution: "2K", output_format: "jpeg" },
    });
  });

  it("imagegen.timeoutMs bounds each task", async () => {
    const { provider, submits } = setup(server);
    const start = Date.now();
    const { error } = await settle(
      generateImage({
        model: provider.image("apixo:nano-banana"),
        prompt: "a fox [emulator: never]",
        providerOptions: { imagegen: { timeoutMs: 30_000 } },
      }),
    );
    expect(error).toMatchObject({ name: "TaskTimeoutError" });
    expect(Date.now() - start).toBe(30_000);
    expect(submits()).toBe(1);
  });

  for (const [name, imagegen, path] of [
    ["an unknown key", { resolutoin: "2K" }, "providerOptions.imagegen.resolutoin"],
    ["not an object", [], "providerOptions.imagegen"],
  ] as const) {
    it(`imagegen with ${name} is a ValidationError, nothing sent`, async () => {
      const { provider, submits } = setup(server);
      const { error } = await settle(
        generateImage({
          model: provider.image("apixo:nano-banana"),
          prompt: "a fox",
          providerOptions: { imagegen: imagegen as never },
        }),
      );
      expect(ValidationError.isInstance(error)).toBe(true);
      expect((error as ValidationError).issues[0]?.path).toBe(path);
      expect(submittedHandles(error)).toEqual([]);
      expect(submits()).toBe(0);
    });
  }
});

describe("abortSignal", () => {
  it("aborting while the task runs rejects with the reason and stops polling; the handle is kept", async () => {
    const { provider, vendors } = setup(server);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("user left")), 5_000);
    const { error } = await settle(
      generateImage({
        model: provider.image("apixo:nano-banana"),
        prompt: "a fox",
        abortSignal: controller.signal,
      }),
    );
    expect(error).toEqual(new Error("user left"));
    expect(vendors.apixo.stats()).toMatchObject({ submits: 1, statusCalls: 0, fileRequests: 0 });
    expect(submittedHandles(error)[0]?.taskId).toBe(vendors.apixo.tasks()[0]?.id);
  });
});

describe("image inputs (prompt.images) go through the client's upload hook", () => {
  it("bytes, base64 and data: URLs are uploaded; URLs are sent as they are", async () => {
    const host = uploadHost(server);
    const { provider, vendors } = setup(server, host);
    await settle(
      generateImage({
        model: provider.image("apixo:nano-banana-pro"),
        prompt: {
          text: "these, together",
          images: [
            PNG,
            base64(PNG),
            `data:image/png;base64,${base64(PNG)}`,
            "https://example.test/sketch.png",
          ],
        },
      }),
    );
    expect(host.stored).toEqual(Array.from({ length: 3 }, () => ({ type: "image/png", bytes: PNG })));
    expect(vendors.apixo.tasks()[0]?.request).toMatchObject({
      input: {
        mode: "image-to-image",
        image_urls: [
          "https://cdn.uploads.test/1.png",
          "https://cdn.uploads.test/2.png",
          "https://cdn.uploads.test/3.png",
          "https://example.test/sketch.png",
        ],
      },
    });
  });

  it("without an upload hook: a ValidationError naming the option, nothing sent", async () => {
    const { provider, submits } = setup(server);
    const { error } = await settle(
      generateImage({ model: provider.image("apixo:nano-banana"), prompt: { text: "this", images: [PNG] } }),
    );
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain("`upload`");
    expect(submits()).toBe(0);
  });

  it("a failed upload is the client's UploadError, nothing submitted", async () => {
    const { provider, submits } = setup(server, {
      upload: async () => Promise.reject(new Error("disk full")),
    });
    const { error } = await settle(
      generateImage({ model: provider.image("apixo:nano-banana"), prompt: { text: "this", images: [PNG] } }),
    );
    expect(UploadError.isInstance(error)).toBe(true);
    expect(submits()).toBe(0);
  });

  it("the model says which inputs it takes", () => {
    const { provider } = setup(server);
    expect(provider.image("apixo:nano-banana")).toMatchObject({
      specificationVersion: "v4",
      provider: "imagegen.apixo",
      modelId: "apixo:nano-banana",
      maxImagesPerCall: 1,
      supportsFileInputs: true,
      supportsMaskInputs: false,
    });
    expect(provider.image("apixo:flux-2").supportsFileInputs).toBeUndefined();
  });
});
