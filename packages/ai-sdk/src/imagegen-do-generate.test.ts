import type { ImageModelV4CallOptions } from "@ai-sdk/provider";
import { ValidationError } from "@org/imagegen-core";
import { settle, succeeds, useMswServer } from "@org/imagegen-test-kit";
import { generateImage } from "ai";
import { describe, expect, it } from "vitest";
import { submittedHandles } from "./index.js";
import { setup, uploadHost } from "./test-support/setup.js";

// doGenerate called directly, as AI SDK middleware or another framework may: every spec field, no headers.
const server = useMswServer();

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

const call = (overrides: Partial<ImageModelV4CallOptions>): ImageModelV4CallOptions => ({
  prompt: "a fox",
  n: 1,
  size: undefined,
  aspectRatio: undefined,
  seed: undefined,
  files: undefined,
  mask: undefined,
  providerOptions: {},
  ...overrides,
});

describe("doGenerate, called directly", () => {
  it("takes base64 file data as the spec allows, and reports each warning once for n tasks", async () => {
    const host = uploadHost(server);
    const { provider, submits } = setup(server, host);
    const model = provider.image("apixo:nano-banana");
    const result = await succeeds(
      Promise.resolve(
        model.doGenerate(
          call({
            n: 2,
            files: [{ type: "file", data: btoa(String.fromCharCode(...PNG)), mediaType: "image/png" }],
            providerOptions: { imagegen: { resolution: "1K" } },
          }),
        ),
      ),
    );
    expect(host.stored.map((file) => file.bytes)).toEqual([PNG, PNG]);
    expect(result.images).toHaveLength(2);
    expect(result.warnings).toEqual([
      { type: "unsupported", feature: "resolution", details: expect.stringContaining("has no resolution") },
    ]);
    expect(result.isRetryable).toBe(false);
    expect(submits()).toBe(2);
  });

  it("a missing prompt is a ValidationError; without headers, the handles are the call's own", async () => {
    const { provider, submits } = setup(server);
    const { error } = await settle(
      Promise.resolve(provider.image("apixo:nano-banana").doGenerate(call({ prompt: undefined }))),
    );
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).issues).toEqual([{ path: "prompt", message: "must not be empty" }]);
    expect(submittedHandles(error)).toEqual([]);
    expect(submits()).toBe(0);
  });

  it("an abort with a reason that is not an object still rejects with it", async () => {
    const { provider } = setup(server);
    const controller = new AbortController();
    setTimeout(() => controller.abort("stop"), 1_000);
    const { error } = await settle(
      generateImage({
        model: provider.image("apixo:nano-banana"),
        prompt: "a fox",
        abortSignal: controller.signal,
      }),
    );
    expect(error).toBe("stop");
    expect(submittedHandles(error)).toEqual([]);
  });
});
