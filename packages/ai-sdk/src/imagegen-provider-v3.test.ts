import { ProviderError } from "@org/imagegen-core";
import { settle, succeeds, useMswServer } from "@org/imagegen-test-kit";
import { generateImage } from "ai-v6";
import { describe, expect, it } from "vitest";
import { type ImagegenImageMetadata, submittedHandles } from "./index.js";
import { setup } from "./test-support/setup.js";

// The same traps under `ai` 6, whose generateImage takes the v3 spec (and refuses v4 models).
const server = useMswServer();

describe("imageV3: the models under ai 6's generateImage", () => {
  it("generates on both vendors, with bytes and the handles in providerMetadata", async () => {
    const { provider, vendors, submits } = setup(server);
    for (const model of ["apixo:nano-banana", "xingchaoyiqing:nano-banana-2"]) {
      const result = await succeeds(
        generateImage({ model: provider.imageV3(model), prompt: "a fox", aspectRatio: "1:1", n: 2 }),
      );
      expect(result.images.map((image) => image.mediaType)).toEqual(["image/png", "image/png"]);
      const { images } = result.providerMetadata.imagegen as unknown as { images: ImagegenImageMetadata[] };
      expect(images.map((image) => image.handle.model)).toEqual(Array(2).fill(model.split(":")[1]));
    }
    expect(vendors.apixo.stats().submits).toBe(2);
    expect(submits()).toBe(4);
  });

  it("a failed download is not re-submitted by ai 6's retries either", async () => {
    const { provider, vendors, submits } = setup(server);
    vendors.apixo.inject("file", { kind: "http", status: 404 }, { times: 100 });
    const { error } = await settle(
      generateImage({ model: provider.imageV3("apixo:nano-banana"), prompt: "a fox", maxRetries: 5 }),
    );
    expect(ProviderError.isInstance(error)).toBe(true);
    expect(submittedHandles(error)).toHaveLength(1);
    expect(submits()).toBe(1);
  });

  it("is the v3 shape: ai 6 refuses the v4 model", async () => {
    const { provider } = setup(server);
    expect(provider.imageV3("apixo:nano-banana")).toMatchObject({
      specificationVersion: "v3",
      provider: "imagegen.apixo",
      maxImagesPerCall: 1,
    });
    const { error } = await settle(
      generateImage({ model: provider.image("apixo:nano-banana") as never, prompt: "a fox" }),
    );
    expect(error).toMatchObject({ name: "AI_UnsupportedModelVersionError" });
  });
});
