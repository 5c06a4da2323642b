import { apixo } from "@org/imagegen-apixo";
import { createImageClient, downloadImage, type ImageClient, ProviderError } from "@org/imagegen-core";
import { type RunningEmulator, startEmulator } from "@org/imagegen-testing";
import { xingchaoyiqing } from "@org/imagegen-xingchaoyiqing";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Real sockets, real clock, plain global fetch: what the demo and a user's own setup do. The emulator runs a
// thousand times faster than the vendors and the client polls to match, set up as the testing README says;
// nothing here asserts on timing.
let emulator: RunningEmulator;
let client: ImageClient;

beforeAll(async () => {
  emulator = await startEmulator({ timeScale: 0.001 });
  client = createImageClient({
    providers: {
      apixo: apixo(emulator.apixo.providerSettings),
      xingchaoyiqing: xingchaoyiqing(emulator.xingchaoyiqing.providerSettings),
    },
    ...emulator.clientOptions,
  });
});
afterAll(() => emulator.close());

describe("both adapters over real loopback HTTP", () => {
  for (const model of ["apixo:nano-banana", "apixo:nano-banana-pro", "xingchaoyiqing:nano-banana-pro"]) {
    it(`${model}: generate, then download a real PNG without the key`, async () => {
      const result = await client.generate({ model, prompt: "a lighthouse at dusk", aspectRatio: "4:3" });
      const image = await downloadImage(result.images[0] ?? { url: "" });
      const png = PNG.sync.read(Buffer.from(image.bytes));
      expect([png.width, png.height]).toEqual([1184, 880]);
      const vendor = model.startsWith("apixo") ? emulator.apixo : emulator.xingchaoyiqing;
      const download = vendor.requests.findLast((request) => request.call === "file");
      expect(download).toMatchObject({ status: 200, authorization: null });
    });
  }

  it("a handle submitted by one client is finished by another, as after a restart", async () => {
    const handle = await client.submit({ model: "xingchaoyiqing:nano-banana", prompt: "a heron" });
    const stored = JSON.parse(JSON.stringify(handle));
    const result = await client.wait(stored);
    expect(result.status.taskId).toBe(handle.taskId);
    expect(JSON.stringify(stored)).not.toContain(emulator.xingchaoyiqing.apiKey);
  });

  it("a dropped connection on a status call is retried; the task is submitted once", async () => {
    const before = emulator.apixo.stats();
    emulator.apixo.inject("status", { kind: "reset" });
    const result = await client.generate({ model: "apixo:nano-banana", prompt: "a heron" });
    expect(result.status.state).toBe("succeeded");
    const after = emulator.apixo.stats();
    expect(after.submits - before.submits).toBe(1);
    expect(after.faultsInjected - before.faultsInjected).toBe(1);
  });

  it("a handle from an earlier emulator run is unknown to a restarted one, never another task", async () => {
    const settings = { vendors: ["apixo" as const], timeScale: 0.001, seed: 1 };
    const first = await startEmulator(settings);
    const before = createImageClient({
      providers: { apixo: apixo(first.apixo.providerSettings) },
      ...first.clientOptions,
    });
    const old = await before.submit({ model: "apixo:nano-banana", prompt: "a fox" });
    await first.close();

    const second = await startEmulator(settings);
    try {
      const after = createImageClient({
        providers: { apixo: apixo(second.apixo.providerSettings) },
        ...second.clientOptions,
      });
      const fresh = await after.submit({ model: "apixo:nano-banana", prompt: "a heron" });
      expect(fresh.taskId).not.toBe(old.taskId);
      const error = await after.wait(old).catch((caught: unknown) => caught);
      expect(ProviderError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ statusCode: 404, retryable: false });
    } finally {
      await second.close();
    }
  });
});
