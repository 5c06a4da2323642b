import { describe, expect, it, vi } from "vitest";
import { APIXO_FAIL_MESSAGES as FAIL_MESSAGES } from "../apixo/apixo-fail-messages.js";
import { decodeImage } from "../test-support/images.js";
import { json, mount, useMswServer } from "../test-support/msw.js";
import { xingchaoyiqingWire } from "../test-support/xingchaoyiqing-wire-client.js";
import {
  createXingchaoyiqingEmulator,
  XINGCHAOYIQING_BASE_URL,
  xingchaoyiqingHandlers,
} from "./xingchaoyiqing-emulator.js";
import { XINGCHAOYIQING_FAIL_MESSAGES } from "./xingchaoyiqing-fail-messages.js";

const server = useMswServer();

function setup(options: Parameters<typeof createXingchaoyiqingEmulator>[0] = {}) {
  const emulator = mount(server, createXingchaoyiqingEmulator(options));
  return { emulator, wire: xingchaoyiqingWire(emulator) };
}

async function idOf(response: Response): Promise<string> {
  expect(response.status).toBe(200);
  return (await json(response)).id;
}

describe("Base URL", () => {
  it("defaults to the platform's documented shared prefix", () => {
    expect(XINGCHAOYIQING_BASE_URL).toBe("https://zcbservice.aizfw.cn/kyyReactApiServer");
    expect(createXingchaoyiqingEmulator().baseUrl).toBe(XINGCHAOYIQING_BASE_URL);
  });
});

describe("POST /v1/banana/images", () => {
  it("answers { id, object: nanobanana, created, model, status: queued }", async () => {
    const { wire } = setup();
    const response = await wire.create({
      model: "nano-banana-pro",
      prompt: "a cat on a windowsill",
      resolution: "2k",
      size: "16:9",
    });
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({
      id: expect.stringMatching(/^nb_\w{20}$/),
      object: "nanobanana",
      created: Math.floor(Date.now() / 1000),
      model: "nano-banana-pro",
      status: "queued",
    });
  });

  it("adds error when a task has failed by the time it answers", async () => {
    const { wire } = setup();
    const response = await wire.create({
      model: "nano-banana",
      prompt: "a [emulator: fail=CONTENT_VIOLATION duration=0]",
    });
    expect(await json(response)).toMatchObject({
      status: "failed",
      error: XINGCHAOYIQING_FAIL_MESSAGES.CONTENT_VIOLATION,
    });
  });

  const refs = (n: number) => Array.from({ length: n }, (_, i) => `https://example.com/${i}.png`);
  it.each([
    ["no model", { prompt: "a cat" }, "model is required"],
    [
      "an unknown model",
      { model: "nano-banana-3", prompt: "a cat" },
      "model must be one of nano-banana, nano-banana-2, nano-banana-pro, nano-banana-2-stable, nano-banana-pro-stable",
    ],
    ["no prompt", { model: "nano-banana" }, "prompt is required"],
    [
      "an upper-case resolution",
      { model: "nano-banana-pro", prompt: "a", resolution: "2K" },
      "resolution must be one of 1k, 2k, 4k",
    ],
    [
      "4k on nano-banana-2",
      { model: "nano-banana-2", prompt: "a", resolution: "4k" },
      "resolution 4k is not supported by nano-banana-2",
    ],
    [
      "2k on nano-banana",
      { model: "nano-banana", prompt: "a", resolution: "2k" },
      "resolution 2k is not supported by nano-banana",
    ],
    [
      "2k on nano-banana-2-stable",
      { model: "nano-banana-2-stable", prompt: "a", resolution: "2k" },
      "resolution 2k is not supported by nano-banana-2-stable",
    ],
    [
      "auto as size",
      { model: "nano-banana", prompt: "a", size: "auto" },
      "size must be one of 1:1, 16:9, 9:16, 4:3, 3:4, 3:2, 2:3, 5:4, 4:5, 21:9",
    ],
    [
      "7 reference images",
      { model: "nano-banana", prompt: "a", image_urls: refs(7) },
      "image_urls accepts at most 6 images",
    ],
    [
      "an output format (not documented)",
      { model: "nano-banana", prompt: "a", output_format: "png" },
      'Unknown field "output_format" in the request body',
    ],
  ])("refuses %s with 400", async (_, body, message) => {
    const { emulator, wire } = setup();
    const response = await wire.create(body);
    expect(response.status).toBe(400);
    expect(await json(response)).toEqual({ error: { message, type: "invalid_request_error", code: 400 } });
    expect(emulator.stats().tasksCreated).toBe(0);
  });

  it.each([
    ["nano-banana-pro", "4k"],
    ["nano-banana-pro-stable", "2k"],
    ["nano-banana-2", "1k"],
  ])("accepts %s at %s with 6 references", async (model, resolution) => {
    const { wire } = setup();
    expect((await wire.create({ model, prompt: "a", resolution, image_urls: refs(6) })).status).toBe(200);
  });
});

describe("GET /v1/result/{id}", () => {
  it("moves queued → processing → completed with one image_url", async () => {
    const { wire } = setup({ durationMs: 10_000 });
    const id = await idOf(await wire.create({ model: "nano-banana", prompt: "a cat" }));
    const seen: string[] = [];
    for (let i = 0; i <= 10; i++) {
      const body = await json(await wire.result(id));
      if (seen.at(-1) !== body.status) seen.push(body.status);
      await vi.advanceTimersByTimeAsync(1_000);
    }
    expect(seen).toEqual(["queued", "processing", "completed"]);
    expect(await json(await wire.result(id))).toEqual({
      id,
      object: "image.generation",
      created: Math.floor((Date.now() - 11_000) / 1000),
      model: "nano-banana",
      status: "completed",
      image_url: expect.stringMatching(
        /^https:\/\/zcbservice\.aizfw\.cn\/emulator-files\/xingchaoyiqing\/nb_\w+\/0\.png$/,
      ),
      error: null,
    });
  });

  it("serves a real PNG sized by size and resolution", async () => {
    const { wire } = setup({ durationMs: 1_000 });
    const id = await idOf(
      await wire.create({ model: "nano-banana-pro", prompt: "a cat", size: "21:9", resolution: "2k" }),
    );
    await vi.advanceTimersByTimeAsync(1_000);
    const image = await fetch((await json(await wire.result(id))).image_url);
    expect(decodeImage(await image.arrayBuffer(), image.headers.get("content-type"))).toEqual({
      format: "png",
      width: 3136,
      height: 1344,
    });
  });

  it.each([
    ["nano-banana", "1k", 15_000, 20_000],
    ["nano-banana-2", "1k", 20_000, 30_000],
    ["nano-banana-pro", "4k", 45_000, 60_000],
  ])("takes %s at %s between %i and %i ms", async (model, resolution, min, max) => {
    const { wire } = setup({ seed: 5 });
    const id = await idOf(await wire.create({ model, prompt: "a", resolution }));
    await vi.advanceTimersByTimeAsync(min - 1);
    expect((await json(await wire.result(id))).status).toBe("processing");
    await vi.advanceTimersByTimeAsync(max - min + 1);
    expect((await json(await wire.result(id))).status).toBe("completed");
  });

  it("words every fail code in its own way, as a refusal, an empty account or another failure", () => {
    expect(Object.keys(XINGCHAOYIQING_FAIL_MESSAGES)).toEqual(Object.keys(FAIL_MESSAGES));
    expect(XINGCHAOYIQING_FAIL_MESSAGES.CONTENT_VIOLATION).toMatch(/违规/);
    expect(XINGCHAOYIQING_FAIL_MESSAGES.INSUFFICIENT_BALANCE).toMatch(/余额不足/);
  });

  it.each(Object.entries(XINGCHAOYIQING_FAIL_MESSAGES))(
    "ends failed with the vendor's message in error (%s)",
    async (code, message) => {
      const { wire } = setup({ durationMs: 1_000 });
      const id = await idOf(
        await wire.create({ model: "nano-banana", prompt: `a [emulator: fail=${code}]` }),
      );
      await vi.advanceTimersByTimeAsync(1_000);
      expect(await json(await wire.result(id))).toMatchObject({
        status: "failed",
        image_url: null,
        error: message,
      });
    },
  );

  it("answers 404 for an unknown id", async () => {
    const { wire } = setup();
    const response = await wire.result("nb_unknown");
    expect(response.status).toBe(404);
    expect(await json(response)).toEqual({
      error: { message: "Task not found", type: "not_found_error", code: 404 },
    });
  });

  it.each([
    ["missing", null],
    ["empty", ""],
    ["not-json", "not a url"],
  ])("spoils image_url (result=%s)", async (result, imageUrl) => {
    const { wire } = setup({ durationMs: 1_000 });
    const id = await idOf(
      await wire.create({ model: "nano-banana", prompt: `a [emulator: result=${result}]` }),
    );
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await json(await wire.result(id))).toMatchObject({ status: "completed", image_url: imageUrl });
  });

  it("reports unknown statuses and regressions as scripted", async () => {
    const { wire } = setup({ durationMs: 4_000 });
    const id = await idOf(
      await wire.create({
        model: "nano-banana",
        prompt: "a [emulator: states=queued,processing,queued,moderating,completed]",
      }),
    );
    const seen: string[] = [];
    for (let i = 0; i <= 4; i++) {
      seen.push((await json(await wire.result(id))).status);
      await vi.advanceTimersByTimeAsync(1_000);
    }
    expect(seen).toEqual(["queued", "processing", "queued", "moderating", "completed"]);
  });
});

describe("HTTP errors (undocumented: a JSON body carrying error or message)", () => {
  it.each([
    ["object", { error: { message: "Invalid API key", type: "authentication_error", code: 401 } }],
    ["string", { error: "Invalid API key" }],
    ["message", { message: "Invalid API key" }],
  ] as const)("answers 401 to a wrong key, in the %s shape", async (errorShape, body) => {
    const { emulator } = setup({ errorShape });
    const response = await xingchaoyiqingWire(emulator, "wrong").create({
      model: "nano-banana",
      prompt: "a",
    });
    expect(response.status).toBe(401);
    expect(await json(response)).toEqual(body);
  });

  it.each([400, 402, 403, 404, 429, 500, 502, 503, 504])(
    "injects HTTP %i on create, creating nothing",
    async (status) => {
      const { emulator, wire } = setup();
      emulator.inject("submit", { kind: "http", status });
      const response = await wire.create({ model: "nano-banana", prompt: "a" });
      expect(response.status).toBe(status);
      expect((await json(response)).error.code).toBe(status);
      expect(emulator.stats().tasksCreated).toBe(0);
    },
  );

  it("injects faults from the prompt marker, on create and on the task's queries", async () => {
    const { emulator, wire } = setup();
    await expect(
      wire.create({ model: "nano-banana", prompt: "a [emulator: submit=reset+after]" }),
    ).rejects.toThrow(TypeError);
    expect(emulator.stats().tasksCreated).toBe(1);
    const id = await idOf(
      await wire.create({ model: "nano-banana", prompt: "b [emulator: status=429+retry:2]" }),
    );
    const limited = await wire.result(id);
    expect([limited.status, limited.headers.get("retry-after")]).toEqual([429, "2"]);
    const response = await wire.create({ model: "nano-banana", prompt: "c [emulator: submit=in-body:402]" });
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({
      error: { message: "Insufficient balance", type: "insufficient_quota", code: 402 },
    });
  });

  it("enforces quotas only when given", async () => {
    const { wire } = setup({ limits: { requestsPerMinute: 100, concurrentTasks: 1 } });
    expect((await wire.create({ model: "nano-banana", prompt: "a" })).status).toBe(200);
    expect((await wire.create({ model: "nano-banana", prompt: "b" })).status).toBe(429);
  });
});

describe("xingchaoyiqingHandlers(): the handlers alone, for setupServer", () => {
  it("answers at the given base URL", async () => {
    server.use(...xingchaoyiqingHandlers({ baseUrl: "https://gateway.example.test/api/", apiKey: "k" }));
    const response = await fetch("https://gateway.example.test/api/v1/banana/images", {
      method: "POST",
      headers: { Authorization: "Bearer k", "Content-Type": "application/json" },
      body: JSON.stringify({ model: "nano-banana", prompt: "a cat" }),
    });
    expect((await json(response)).status).toBe("queued");
  });
});
