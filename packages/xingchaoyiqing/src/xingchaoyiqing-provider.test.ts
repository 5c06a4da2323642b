import { AuthenticationError, createImageClient } from "@org/imagegen-core";
import { fails, succeeds, useMswServer, useVirtualTime } from "@org/imagegen-test-kit";
import { createXingchaoyiqingEmulator } from "@org/imagegen-testing";
import { describe, expect, it, vi } from "vitest";
import { emulatedXingchaoyiqing } from "./test-support/emulated-xingchaoyiqing.js";
import { XINGCHAOYIQING_BASE_URL, xingchaoyiqing } from "./xingchaoyiqing-provider.js";

const server = useMswServer();

describe("the API key", () => {
  it("comes from XINGCHAOYIQING_API_KEY when not given, read at the first request", async () => {
    const { client, emulator } = emulatedXingchaoyiqing(server, { xingchaoyiqing: { apiKey: undefined } });
    vi.stubEnv("XINGCHAOYIQING_API_KEY", emulator.apiKey);
    await succeeds(client.generate({ prompt: "a cat" }));
    expect(emulator.requests[0]?.authorization).toBe(`Bearer ${emulator.apiKey}`);
  });

  it("missing: a clear AuthenticationError at the first call, naming the variable; nothing is sent", async () => {
    vi.stubEnv("XINGCHAOYIQING_API_KEY", "");
    const { client, emulator } = emulatedXingchaoyiqing(server, { xingchaoyiqing: { apiKey: undefined } });
    const error = await fails(client.generate({ prompt: "a cat" }));
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(error.message).toContain("XINGCHAOYIQING_API_KEY");
    expect(emulator.requests).toHaveLength(0);
  });
});

describe("base URL", () => {
  const elsewhere = "http://127.0.0.1:4010/kyyReactApiServer";

  function emulatorAt(baseUrl: string) {
    useVirtualTime();
    const emulator = createXingchaoyiqingEmulator({ baseUrl });
    server.use(...emulator.handlers);
    return emulator;
  }

  it("defaults to the platform's documented prefix", async () => {
    const emulator = emulatorAt(XINGCHAOYIQING_BASE_URL);
    expect(XINGCHAOYIQING_BASE_URL).toBe("https://zcbservice.aizfw.cn/kyyReactApiServer");
    const client = createImageClient({ providers: { x: xingchaoyiqing({ apiKey: emulator.apiKey }) } });
    const handle = await client.submit({ model: "x:nano-banana", prompt: "a cat" });
    expect(emulator.task(handle.taskId)).toBeDefined();
  });

  it("comes from XINGCHAOYIQING_BASE_URL when set", async () => {
    const emulator = emulatorAt(elsewhere);
    vi.stubEnv("XINGCHAOYIQING_BASE_URL", elsewhere);
    const client = createImageClient({ providers: { x: xingchaoyiqing({ apiKey: emulator.apiKey }) } });
    const handle = await client.submit({ model: "x:nano-banana", prompt: "a cat" });
    expect(emulator.task(handle.taskId)).toBeDefined();
  });

  it("the baseUrl setting wins over the environment", async () => {
    const emulator = emulatorAt(elsewhere);
    vi.stubEnv("XINGCHAOYIQING_BASE_URL", "http://127.0.0.1:1/nowhere");
    const adapter = xingchaoyiqing({ apiKey: emulator.apiKey, baseUrl: `${elsewhere}/` });
    const client = createImageClient({ providers: { x: adapter } });
    const handle = await client.submit({ model: "x:nano-banana", prompt: "a cat" });
    expect(emulator.task(handle.taskId)).toBeDefined();
  });

  it("a custom fetch carries every call", async () => {
    const { emulator } = emulatedXingchaoyiqing(server);
    const fetch = vi.fn(globalThis.fetch);
    const client = createImageClient({
      providers: { xingchaoyiqing: xingchaoyiqing({ apiKey: emulator.apiKey, fetch }) },
      defaultModel: "xingchaoyiqing:nano-banana",
    });
    await succeeds(client.generate({ prompt: "a cat" }));
    expect(fetch.mock.calls.length).toBe(emulator.stats().submits + emulator.stats().statusCalls);
  });
});

describe("models", () => {
  it("lists the five models with their capabilities", () => {
    const client = createImageClient({ providers: { xingchaoyiqing: xingchaoyiqing() } });
    const models = Object.fromEntries(client.models().map((info) => [info.model, info.capabilities]));
    expect(Object.keys(models)).toEqual([
      "nano-banana",
      "nano-banana-2",
      "nano-banana-pro",
      "nano-banana-2-stable",
      "nano-banana-pro-stable",
    ]);
    for (const capabilities of Object.values(models)) {
      expect(capabilities).toMatchObject({ maxReferenceImages: 6, outputFormats: undefined });
      expect(capabilities.aspectRatios).toHaveLength(10);
      expect(capabilities.aspectRatios).not.toContain("auto");
    }
    expect(models["nano-banana-2"]?.resolutions).toEqual(["1K"]);
    expect(models["nano-banana-pro-stable"]?.resolutions).toEqual(["1K", "2K", "4K"]);
  });

  it("declares no quotas, since the vendor documents none", () => {
    expect(xingchaoyiqing().limits).toBeUndefined();
  });
});

describe("callbacks: the vendor has none", () => {
  it("a client in callback mode polls xingchaoyiqing tasks, and says so at debug level", async () => {
    const debug = vi.fn();
    const { client, submitted } = emulatedXingchaoyiqing(server, {
      client: {
        callback: { url: "https://app.example/hooks", secret: "a-long-random-secret-123" },
        logger: { debug },
      },
    });
    const result = await succeeds(client.generate({ prompt: "a cat" }));
    expect(result.images).toHaveLength(1);
    expect(submitted()).toEqual({ model: "nano-banana", prompt: "a cat" });
    expect(debug).toHaveBeenCalledWith("xingchaoyiqing has no callbacks; the task is polled", {
      model: "nano-banana",
    });
  });
});
