import { AuthenticationError, createImageClient, downloadImage } from "@org/imagegen-core";
import { fails, succeeds, useMswServer } from "@org/imagegen-test-kit";
import { createApixoEmulator } from "@org/imagegen-testing";
import { describe, expect, it, vi } from "vitest";
import { APIXO_BASE_URL, apixo } from "./apixo-provider.js";
import { emulatedApixo } from "./test-support/emulated-apixo.js";

const server = useMswServer();

describe("the API key", () => {
  it("comes from APIXO_API_KEY when not given, read at the first request", async () => {
    const { client, emulator } = emulatedApixo(server, { apixo: { apiKey: undefined } });
    vi.stubEnv("APIXO_API_KEY", emulator.apiKey);
    await succeeds(client.generate({ prompt: "a fox" }));
    expect(emulator.requests[0]?.authorization).toBe(`Bearer ${emulator.apiKey}`);
  });

  it("missing: a clear AuthenticationError at the first call, naming the variable; nothing is sent", async () => {
    vi.stubEnv("APIXO_API_KEY", undefined);
    const { client, emulator } = emulatedApixo(server, { apixo: { apiKey: undefined } });
    const error = await fails(client.generate({ prompt: "a fox" }));
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(error.message).toContain("APIXO_API_KEY");
    expect(emulator.requests).toHaveLength(0);
  });
});

describe("base URL and fetch", () => {
  it("defaults to APIXO's documented API", () => {
    expect(APIXO_BASE_URL).toBe("https://api.apixo.ai/api/v1");
  });

  it("baseUrl points the adapter elsewhere, e.g. at an emulator (a trailing slash is fine)", async () => {
    vi.useFakeTimers();
    const emulator = createApixoEmulator({ baseUrl: "http://127.0.0.1:4010/api/v1" });
    server.use(...emulator.handlers);
    const adapter = apixo({ apiKey: emulator.apiKey, baseUrl: "http://127.0.0.1:4010/api/v1/" });
    const client = createImageClient({ providers: { apixo: adapter }, defaultModel: "apixo:nano-banana" });
    const handle = await client.submit({ prompt: "a fox" });
    expect(emulator.task(handle.taskId)).toBeDefined();
  });

  it("comes from APIXO_BASE_URL when set, as xingchaoyiqing's does; the key goes there and only there", async () => {
    vi.stubEnv("APIXO_BASE_URL", "http://127.0.0.1:4010/api/v1");
    const { client, emulator } = emulatedApixo(server, {
      emulator: { baseUrl: "http://127.0.0.1:4010/api/v1", filesUrl: "https://cdn.example/files" },
    });
    const result = await succeeds(client.generate({ prompt: "a fox" }));
    await downloadImage(result.images[0] ?? { url: "" });
    const sent = emulator.requests.map(({ url, authorization }) => [new URL(url).origin, authorization]);
    expect(sent).toContainEqual(["http://127.0.0.1:4010", `Bearer ${emulator.apiKey}`]);
    expect(sent).toContainEqual(["https://cdn.example", null]);
    for (const [origin, authorization] of sent) {
      expect(authorization).toBe(origin === "http://127.0.0.1:4010" ? `Bearer ${emulator.apiKey}` : null);
    }
  });

  it("the baseUrl setting wins over APIXO_BASE_URL", async () => {
    vi.useFakeTimers();
    const emulator = createApixoEmulator({ baseUrl: "http://127.0.0.1:4010/api/v1" });
    server.use(...emulator.handlers);
    vi.stubEnv("APIXO_BASE_URL", "http://127.0.0.1:1/nowhere");
    const adapter = apixo({ apiKey: emulator.apiKey, baseUrl: "http://127.0.0.1:4010/api/v1" });
    const client = createImageClient({ providers: { apixo: adapter }, defaultModel: "apixo:nano-banana" });
    const handle = await client.submit({ prompt: "a fox" });
    expect(emulator.task(handle.taskId)).toBeDefined();
  });

  it("a custom fetch carries every call", async () => {
    const { emulator } = emulatedApixo(server);
    const fetch = vi.fn(globalThis.fetch);
    const client = createImageClient({
      providers: { apixo: apixo({ apiKey: emulator.apiKey, fetch }) },
      defaultModel: "apixo:nano-banana",
    });
    await succeeds(client.generate({ prompt: "a fox" }));
    expect(fetch.mock.calls.length).toBe(emulator.stats().submits + emulator.stats().statusCalls);
  });
});

describe("models", () => {
  it("lists nano-banana and nano-banana-pro with their documented capabilities", () => {
    const client = createImageClient({ providers: { apixo: apixo() } });
    const models = Object.fromEntries(client.models().map((info) => [info.id, info.capabilities]));
    expect(Object.keys(models)).toEqual(["apixo:nano-banana", "apixo:nano-banana-pro"]);
    expect(models["apixo:nano-banana"]).toMatchObject({
      maxReferenceImages: 5,
      resolutions: undefined,
      outputFormats: ["png", "jpeg"],
      latencyMs: { min: 15_000, max: 20_000 },
      pricePerImageUsd: 0.03,
    });
    expect(models["apixo:nano-banana-pro"]).toMatchObject({
      maxReferenceImages: 10,
      resolutions: ["1K", "2K", "4K"],
      latencyMs: { byResolution: { "4K": { min: 45_000, max: 60_000 } } },
    });
    expect(models["apixo:nano-banana-pro"]?.aspectRatios).toContain("auto");
  });

  it("declares APIXO's quotas: 10,000 requests a minute, 1,000 concurrent tasks", () => {
    expect(apixo().limits).toEqual({ requestsPerMinute: 10_000, concurrentTasks: 1_000 });
  });
});

describe("limits: the client stays under APIXO's quotas", () => {
  // Over 2,000 requests through msw: seconds of CPU, more when CI runs other suites beside it.
  it("1,001 concurrent generates against the enforced limits: all complete, no 429", {
    timeout: 120_000,
  }, async () => {
    const { client, emulator } = emulatedApixo(server, {
      emulator: { limits: true, durationMs: 15_000 },
      client: { poll: { initialDelayMs: 15_000 } },
    });
    const results = await succeeds(
      Promise.all(Array.from({ length: 1_001 }, (_, i) => client.generate({ prompt: `fox ${i}` }))),
    );
    expect(results.filter((result) => result.images.length === 1)).toHaveLength(1_001);
    expect(emulator.stats()).toMatchObject({ tasksCreated: 1_001, rateLimited: 0, peakActiveTasks: 1_000 });
  });
});
