import {
  ContentPolicyError,
  ProviderError,
  SubmitOutcomeUnknownError,
  TaskFailedError,
  TaskTimeoutError,
  ValidationError,
} from "@org/imagegen-core";
import { settle, useMswServer } from "@org/imagegen-test-kit";
import { generateImage } from "ai";
import { describe, expect, it } from "vitest";
import { type ImagegenImageMetadata, submittedHandles } from "./index.js";
import { setup } from "./test-support/setup.js";

// Every test calls the real generateImage of `ai` 7 against the vendors' emulators and counts submits there.
const server = useMswServer();

const metadataOf = (result: { providerMetadata: Record<string, unknown> }) =>
  (result.providerMetadata.imagegen as { images: ImagegenImageMetadata[] }).images;

describe("generateImage on both vendors: bytes, media type, and what it takes to resume", () => {
  for (const model of ["apixo:nano-banana", "xingchaoyiqing:nano-banana"]) {
    it(model, async () => {
      const { client, provider, vendors, submits } = setup(server);
      const { value: result } = await settle(
        generateImage({ model: provider.image(model), prompt: "a fox in watercolor", aspectRatio: "16:9" }),
      );
      expect(submits()).toBe(1);
      const vendor = model.startsWith("apixo") ? vendors.apixo : vendors.xingchaoyiqing;
      const [task] = vendor.tasks();
      expect(result?.images).toHaveLength(1);
      expect(result?.warnings).toEqual([]);
      expect(result?.image.mediaType).toBe("image/png");
      expect([...(result?.image.uint8Array.subarray(0, 4) ?? [])]).toEqual([0x89, 0x50, 0x4e, 0x47]);

      const [metadata] = metadataOf(result as never);
      expect(metadata).toMatchObject({
        handle: { provider: model.split(":")[0], model: "nano-banana", taskId: task?.id },
        url: task?.imageUrls[0],
        mediaType: "image/png",
      });
      expect(result?.image.providerMetadata?.imagegen).toEqual(metadata);
      // The handle is plain JSON that the client resumes: a finished task answers at once, no new submit.
      const { value: resumed } = await settle(client.wait(metadata?.handle as never));
      expect(resumed?.images[0]?.url).toBe(metadata?.url);
      expect(submits()).toBe(1);
    });
  }

  it("a vendor swap is the model id alone", async () => {
    const { provider, vendors } = setup(server);
    const call = (model: string) =>
      settle(generateImage({ model: provider.image(model), prompt: "a heron", aspectRatio: "4:3" }));
    await call("apixo:nano-banana");
    await call("xingchaoyiqing:nano-banana");
    expect(vendors.apixo.tasks()[0]?.request).toMatchObject({ input: { aspect_ratio: "4:3" } });
    expect(vendors.xingchaoyiqing.tasks()[0]?.request).toMatchObject({ size: "4:3" });
  });
});

describe("generateImage's retries never re-submit a paid task", () => {
  it("a failed download: the client's ProviderError, one submit, also with maxRetries: 5", async () => {
    for (const maxRetries of [undefined, 5]) {
      const { provider, vendors, submits } = setup(server);
      vendors.apixo.inject("file", { kind: "http", status: 404 }, { times: 100 });
      const { error } = await settle(
        generateImage({
          model: provider.image("apixo:nano-banana"),
          prompt: "a fox",
          ...(maxRetries === undefined ? {} : { maxRetries }),
        }),
      );
      expect(ProviderError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ reason: "download", statusCode: 404 });
      expect(submits()).toBe(1);
      expect(submittedHandles(error).map((handle) => handle.taskId)).toEqual([vendors.apixo.tasks()[0]?.id]);
    }
  });

  it("status calls that keep failing: the client's typed error with the handle, one submit", async () => {
    const { provider, vendors, submits } = setup(server);
    vendors.apixo.inject("status", { kind: "http", status: 503 }, { times: 10_000 });
    const { error } = await settle(
      generateImage({
        model: provider.image("apixo:nano-banana"),
        prompt: "a fox",
        providerOptions: { imagegen: { timeoutMs: 60_000 } },
      }),
    );
    // The client gives up on the outage (after its status retries, or at the deadline), never re-submitting.
    expect(ProviderError.isInstance(error) || TaskTimeoutError.isInstance(error)).toBe(true);
    expect(submittedHandles(error)[0]?.taskId).toBe(vendors.apixo.tasks()[0]?.id);
    expect(vendors.apixo.stats().statusCalls).toBeGreaterThan(3);
    expect(submits()).toBe(1);
  });

  it("a task the vendor failed transiently is not generated again behind the caller's back", async () => {
    const { provider, submits } = setup(server);
    const { error } = await settle(
      generateImage({
        model: provider.image("apixo:nano-banana"),
        prompt: "a fox [emulator: fail=UPSTREAM_ERROR]",
      }),
    );
    expect(TaskFailedError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ retryable: true, failCode: "UPSTREAM_ERROR" });
    expect(submits()).toBe(1);
  });

  it("a submit that may have created a task is not sent again", async () => {
    const { provider, submits } = setup(server);
    const { error } = await settle(
      generateImage({
        model: provider.image("apixo:nano-banana"),
        prompt: "a fox [emulator: submit=504+after]",
      }),
    );
    expect(SubmitOutcomeUnknownError.isInstance(error)).toBe(true);
    expect(submits()).toBe(1);
  });
});

describe("n images fan out into n tasks (maxImagesPerCall: 1)", () => {
  it("n: 3 makes 3 tasks and returns 3 images with 3 handles", async () => {
    const { provider, vendors, submits } = setup(server);
    const { value: result } = await settle(
      generateImage({ model: provider.image("apixo:nano-banana"), prompt: "a fox", n: 3 }),
    );
    expect(submits()).toBe(3);
    expect(result?.images).toHaveLength(3);
    const taskIds = metadataOf(result as never).map((image) => image.handle.taskId);
    expect(new Set(taskIds)).toEqual(new Set(vendors.apixo.tasks().map((task) => task.id)));
    expect(result?.images.map((image) => image.providerMetadata?.imagegen)).toEqual(
      metadataOf(result as never),
    );
  });

  it("one failure does not hide the other tasks' handles", async () => {
    const { provider, vendors, submits } = setup(server);
    vendors.apixo.inject("file", { kind: "http", status: 404 }, { times: 1 });
    const { error } = await settle(
      generateImage({ model: provider.image("apixo:nano-banana"), prompt: "a fox", n: 3 }),
    );
    expect(ProviderError.isInstance(error)).toBe(true);
    expect(submits()).toBe(3);
    const handles = submittedHandles(error);
    expect(new Set(handles.map((handle) => handle.taskId))).toEqual(
      new Set(vendors.apixo.tasks().map((task) => task.id)),
    );
    expect(handles).toHaveLength(3);
  });

  it("maxImagesPerCall: 3 makes one model call with 3 tasks all the same", async () => {
    const { provider, submits } = setup(server);
    const { value: result } = await settle(
      generateImage({
        model: provider.image("apixo:nano-banana"),
        prompt: "a fox",
        n: 3,
        maxImagesPerCall: 3,
      }),
    );
    expect(submits()).toBe(3);
    expect(result?.images).toHaveLength(3);
    expect(result?.responses).toHaveLength(1);
  });

  it("handles of separate generateImage calls are kept apart", async () => {
    const { provider, vendors } = setup(server);
    vendors.apixo.inject("file", { kind: "http", status: 404 }, { times: 2 });
    const model = provider.image("apixo:nano-banana");
    const [first, second] = await Promise.all([
      settle(generateImage({ model, prompt: "a fox" })),
      settle(generateImage({ model, prompt: "a hare" })),
    ]);
    expect(submittedHandles(first.error)).toHaveLength(1);
    expect(submittedHandles(second.error)).toHaveLength(1);
    expect(submittedHandles(first.error)[0]?.taskId).not.toBe(submittedHandles(second.error)[0]?.taskId);
    expect(submittedHandles(new Error("not ours"))).toEqual([]);
  });
});

describe("typed errors pass through unchanged", () => {
  it("a content refusal is the client's ContentPolicyError", async () => {
    const { provider, submits } = setup(server);
    const { error } = await settle(
      generateImage({
        model: provider.image("apixo:nano-banana"),
        prompt: "a fox [emulator: fail=CONTENT_VIOLATION]",
      }),
    );
    expect(ContentPolicyError.isInstance(error)).toBe(true);
    expect(error).toBeInstanceOf(ContentPolicyError);
    expect(submits()).toBe(1);
  });

  it("a value the model cannot take is a ValidationError and nothing is sent", async () => {
    const { provider, submits } = setup(server);
    const { error } = await settle(
      generateImage({ model: provider.image("apixo:nano-banana"), prompt: "a fox", aspectRatio: "7:3" }),
    );
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).issues[0]?.path).toBe("aspectRatio");
    expect(submits()).toBe(0);
  });

  it("a model id the provider does not have is a ValidationError listing the ones it has", async () => {
    const { provider, submits } = setup(server);
    const { error } = await settle(
      generateImage({ model: provider.image("xingchaoyiqing:nano-banan"), prompt: "a fox" }),
    );
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain("nano-banana");
    expect(submits()).toBe(0);
  });
});
