import { describe, expect, it, vi } from "vitest";
import { APIXO_FAIL_MESSAGES as FAIL_MESSAGES } from "../apixo/apixo-fail-messages.js";
import { apixoWire, textToImage } from "../test-support/apixo-wire-client.js";
import { json, mount, useMswServer } from "../test-support/msw.js";
import { createApixoEmulator } from "./apixo-emulator.js";

const server = useMswServer();

function setup(options: Parameters<typeof createApixoEmulator>[0] = {}) {
  const emulator = mount(server, createApixoEmulator({ durationMs: 10_000, ...options }));
  return { emulator, wire: apixoWire(emulator) };
}

async function taskIdOf(response: Response): Promise<string> {
  expect(response.status).toBe(200);
  return (await json(response)).data.taskId;
}

describe("Task failure codes", () => {
  it.each(Object.entries(FAIL_MESSAGES))("ends a task failed with %s", async (code, message) => {
    const { wire } = setup();
    const taskId = await taskIdOf(await wire.submit(textToImage(`a fox [emulator: fail=${code}]`)));
    await vi.advanceTimersByTimeAsync(10_000);
    expect((await json(await wire.status(taskId))).data).toEqual({
      taskId,
      state: "failed",
      failCode: code,
      failMsg: message,
      createTime: Date.now() - 10_000,
      completeTime: Date.now(),
    });
  });

  it("fails with INVALID_IMAGE_URL when a reference cannot be fetched (a host on the reserved .invalid TLD)", async () => {
    const { wire } = setup();
    const body = {
      request_type: "async",
      input: { mode: "image-to-image", prompt: "sunrise", image_urls: ["https://images.invalid/a.png"] },
    };
    const taskId = await taskIdOf(await wire.submit(body));
    await vi.advanceTimersByTimeAsync(10_000);
    expect((await json(await wire.status(taskId))).data).toMatchObject({ failCode: "INVALID_IMAGE_URL" });
  });
});

describe("HTTP errors: 400 invalid request body, mode, parameter or image URL shape", () => {
  const long = "x".repeat(5001);
  const refs = (n: number) => Array.from({ length: n }, (_, i) => `https://example.com/${i}.png`);
  it.each([
    ["a body that is not JSON", "nano-banana", "{not json", "Request body is not valid JSON"],
    ["a JSON array", "nano-banana", "[]", "Request body must be a JSON object"],
    ["no input", "nano-banana", { request_type: "async" }, "input is required"],
    [
      "an unknown request_type",
      "nano-banana",
      { request_type: "sync", input: {} },
      "request_type must be one of async, callback",
    ],
    [
      "callback without callback_url",
      "nano-banana",
      textToImage("a fox", {}, { request_type: "callback" }),
      "callback_url is required when request_type is callback",
    ],
    [
      "an unknown route",
      "nano-banana-pro",
      textToImage("a fox", {}, { provider: "cheapest" }),
      "provider must be one of auto, value, official",
    ],
    [
      "an unknown body field",
      "nano-banana",
      textToImage("a fox", {}, { priority: 1 }),
      'Unknown field "priority" in the request body',
    ],
    [
      "no mode",
      "nano-banana",
      { input: { prompt: "a fox" } },
      "mode is required: text-to-image or image-to-image",
    ],
    ["an empty prompt", "nano-banana", textToImage(" "), "prompt is required"],
    ["a 5001-character prompt", "nano-banana", textToImage(long), "prompt must be at most 5000 characters"],
    [
      "an unlisted aspect ratio",
      "nano-banana",
      textToImage("a fox", { aspect_ratio: "7:3" }),
      "aspect_ratio must be one of 1:1, 4:3, 3:4, 3:2, 2:3, 4:5, 5:4, 9:16, 16:9, 21:9, auto",
    ],
    [
      "an unlisted output format",
      "nano-banana",
      textToImage("a fox", { output_format: "webp" }),
      "output_format must be one of png, jpeg",
    ],
    [
      "a resolution on nano-banana",
      "nano-banana",
      textToImage("a fox", { resolution: "2K" }),
      "resolution is not supported by this model",
    ],
    [
      "a lower-case resolution on pro",
      "nano-banana-pro",
      textToImage("a fox", { resolution: "2k" }),
      "resolution must be one of 1K, 2K, 4K",
    ],
    [
      "an unknown input field",
      "nano-banana",
      textToImage("a fox", { seed: 1 }),
      'Unknown field "seed" in input',
    ],
    [
      "image-to-image without references",
      "nano-banana",
      { input: { mode: "image-to-image", prompt: "a fox" } },
      "image_urls is required in image-to-image mode",
    ],
    [
      "references in text-to-image",
      "nano-banana",
      textToImage("a fox", { image_urls: refs(1) }),
      "image_urls is only accepted in image-to-image mode",
    ],
    [
      "6 references on nano-banana (1–5)",
      "nano-banana",
      { input: { mode: "image-to-image", prompt: "a", image_urls: refs(6) } },
      "image_urls accepts at most 5 images",
    ],
    [
      "11 references on pro (up to 10)",
      "nano-banana-pro",
      { input: { mode: "image-to-image", prompt: "a", image_urls: refs(11) } },
      "image_urls accepts at most 10 images",
    ],
    [
      "a reference that is not an http(s) URL",
      "nano-banana",
      { input: { mode: "image-to-image", prompt: "a", image_urls: ["ftp://x/a.png"] } },
      "image_urls must be an array of http(s) URLs",
    ],
    [
      "an unknown marker directive",
      "nano-banana",
      textToImage("a fox [emulator: explode]"),
      'unknown emulator directive "explode"',
    ],
  ])("refuses %s, creating nothing", async (_, model, body, message) => {
    const { emulator, wire } = setup();
    const response = await wire.submit(body, model);
    expect(response.status).toBe(400);
    expect(await json(response)).toEqual({ code: 400, message, data: null });
    expect(emulator.stats()).toMatchObject({ submits: 1, tasksCreated: 0 });
  });

  it("accepts the documented image-to-image body with 10 references on pro", async () => {
    const { wire } = setup();
    const body = {
      request_type: "async",
      provider: "official",
      input: {
        mode: "image-to-image",
        prompt: "fuse",
        image_urls: refs(10),
        aspect_ratio: "16:9",
        resolution: "4K",
        output_format: "jpeg",
      },
    };
    expect((await wire.submit(body, "nano-banana-pro")).status).toBe(200);
  });

  it("refuses a submit without Content-Type: application/json", async () => {
    const { emulator } = setup();
    const response = await fetch(`${emulator.baseUrl}/generateTask/nano-banana`, {
      method: "POST",
      headers: { Authorization: `Bearer ${emulator.apiKey}` },
      body: JSON.stringify(textToImage("a fox")),
    });
    expect(await json(response)).toEqual({
      code: 400,
      message: "Content-Type must be application/json",
      data: null,
    });
  });
});

describe("HTTP errors 402 · 403 · 429 · 500 · 502 · 504, as injected faults", () => {
  it.each([
    [402, "Insufficient balance"],
    [403, "This API key or route cannot access the model"],
    [429, "Rate limit exceeded"],
    [500, "Internal server error"],
    [502, "Upstream provider error"],
    [503, "Service unavailable"],
    [504, "Upstream timeout"],
  ])("answers %i with the envelope and creates no task", async (status, message) => {
    const { emulator, wire } = setup();
    emulator.inject("submit", { kind: "http", status });
    const response = await wire.submit(textToImage("a fox"));
    expect(response.status).toBe(status);
    expect(await json(response)).toEqual({ code: status, message, data: null });
    expect(emulator.stats()).toMatchObject({ submits: 1, tasksCreated: 0, faultsInjected: 1 });
    expect((await wire.submit(textToImage("a fox"))).status).toBe(200);
  });

  it("sends Retry-After in seconds or as an HTTP date when asked", async () => {
    const { emulator, wire } = setup();
    emulator.inject("status", { kind: "http", status: 429, retryAfter: "7" });
    expect((await wire.status("task_x")).headers.get("retry-after")).toBe("7");
    const taskId = await taskIdOf(
      await wire.submit(textToImage("a fox [emulator: status=429+retry-date:30]")),
    );
    const response = await wire.status(taskId);
    expect(response.status).toBe(429);
    expect(new Date(response.headers.get("retry-after") ?? "").getTime()).toBe(Date.now() + 30_000);
  });

  it("can word the error as the vendor's pages sometimes do (code 400, 'Insufficient credits')", async () => {
    const { emulator, wire } = setup();
    emulator.inject("submit", { kind: "in-body", code: 400, message: "Insufficient credits" });
    const response = await wire.submit(textToImage("a fox"));
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ code: 400, message: "Insufficient credits", data: null });
  });

  it.each([402, 429, 500])("puts error code %i in the body with HTTP 200 (in-body:%i)", async (code) => {
    const { emulator, wire } = setup();
    const response = await wire.submit(textToImage(`a fox [emulator: submit=in-body:${code}]`));
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({ code, data: null });
    expect(emulator.stats().tasksCreated).toBe(0);
  });

  it("spoils a task's status calls from its prompt marker, then answers normally", async () => {
    const { wire } = setup();
    const taskId = await taskIdOf(await wire.submit(textToImage("a fox [emulator: status=502*2]")));
    expect((await wire.status(taskId)).status).toBe(502);
    expect((await wire.status(taskId)).status).toBe(502);
    expect((await wire.status(taskId)).status).toBe(200);
  });

  it("spoils only the first submits of a marked prompt, so a retry can succeed", async () => {
    const { emulator, wire } = setup();
    const body = textToImage("a fox [emulator: submit=429*2]");
    expect((await wire.submit(body)).status).toBe(429);
    expect((await wire.submit(body)).status).toBe(429);
    expect((await wire.submit(body)).status).toBe(200);
    expect(emulator.stats()).toMatchObject({ submits: 3, tasksCreated: 1 });
  });

  it("aims an injected fault at one task when given its id", async () => {
    const { emulator, wire } = setup();
    const [a, b] = [
      await taskIdOf(await wire.submit(textToImage("a"))),
      await taskIdOf(await wire.submit(textToImage("b"))),
    ];
    emulator.inject("status", { kind: "http", status: 500 }, { taskId: b, times: 2 });
    expect((await wire.status(a)).status).toBe(200);
    expect((await wire.status(b)).status).toBe(500);
    expect((await wire.status(b)).status).toBe(500);
    expect((await wire.status(b)).status).toBe(200);
  });
});

describe("Ambiguous answers: the task may or may not exist", () => {
  it.each([
    ["504+after", 504],
    ["500+after", 500],
  ])("creates the task and still answers an error (submit=%s)", async (spec, status) => {
    const { emulator, wire } = setup();
    const response = await wire.submit(textToImage(`a fox [emulator: submit=${spec}]`));
    expect(response.status).toBe(status);
    expect(emulator.stats().tasksCreated).toBe(1);
  });

  it("drops the connection before creating (reset) or after creating (reset+after)", async () => {
    const { emulator, wire } = setup();
    await expect(wire.submit(textToImage("a [emulator: submit=reset]"))).rejects.toThrow(TypeError);
    expect(emulator.stats().tasksCreated).toBe(0);
    await expect(wire.submit(textToImage("b [emulator: submit=reset+after]"))).rejects.toThrow(TypeError);
    expect(emulator.stats().tasksCreated).toBe(1);
    expect(emulator.requests.map((r) => r.status)).toEqual([0, 0]);
  });

  it("cuts the JSON in half (malformed+after) while the task exists", async () => {
    const { emulator, wire } = setup();
    const response = await wire.submit(textToImage("a fox [emulator: submit=malformed+after]"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    await expect(response.json()).rejects.toThrow(SyntaxError);
    expect(emulator.stats().tasksCreated).toBe(1);
  });

  it("answers slowly (slow:MS), before or after taking effect", async () => {
    const { emulator, wire } = setup();
    let answered = false;
    const pending = wire.submit(textToImage("a fox [emulator: submit=slow:30000]")).then((r) => {
      answered = true;
      return r;
    });
    await vi.advanceTimersByTimeAsync(29_999);
    expect(answered).toBe(false);
    expect(emulator.stats().tasksCreated).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect((await pending).status).toBe(200);
    expect(emulator.stats().tasksCreated).toBe(1);
  });

  it("answers slowly after taking effect (slow:MS+after): the task exists before the answer", async () => {
    const { emulator, wire } = setup();
    const pending = wire.submit(textToImage("a fox [emulator: submit=slow:5000+after]"));
    await vi.advanceTimersByTimeAsync(0);
    expect(emulator.stats().tasksCreated).toBe(1);
    await vi.advanceTimersByTimeAsync(5_000);
    expect((await pending).status).toBe(200);
  });

  it("sends a broken envelope before taking effect (malformed), creating nothing", async () => {
    const { emulator, wire } = setup();
    const response = await wire.submit(textToImage("a fox [emulator: submit=malformed]"));
    expect(await response.text()).toBe('{"code":200,"message":"success","data":{"taskId":');
    expect(emulator.stats().tasksCreated).toBe(0);
  });

  it("serves an HTML error page, as a proxy in front of the vendor would", async () => {
    const { wire } = setup();
    const response = await wire.submit(textToImage("a fox [emulator: submit=html:502]"));
    expect(response.status).toBe(502);
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(await response.text()).toContain("<title>502 Bad Gateway</title>");
  });
});

describe("Odd task states and results", () => {
  async function states(wire: ReturnType<typeof apixoWire>, prompt: string, steps: number, stepMs: number) {
    const taskId = await taskIdOf(await wire.submit(textToImage(prompt)));
    const seen: string[] = [];
    for (let i = 0; i < steps; i++) {
      const { data } = await json(await wire.status(taskId));
      if (seen.at(-1) !== data.state) seen.push(data.state);
      await vi.advanceTimersByTimeAsync(stepMs);
    }
    return { taskId, seen };
  }

  it("walks through an unknown state (states=pending,paused,success)", async () => {
    const { wire } = setup();
    expect((await states(wire, "a [emulator: states=pending,paused,success]", 12, 1_000)).seen).toEqual([
      "pending",
      "paused",
      "success",
    ]);
  });

  it("goes back from processing to pending (a regression)", async () => {
    const { wire } = setup();
    const { seen } = await states(
      wire,
      "a [emulator: states=pending,processing,pending,processing,success]",
      12,
      1_000,
    );
    expect(seen).toEqual(["pending", "processing", "pending", "processing", "success"]);
  });

  it("never finishes (never)", async () => {
    const { emulator, wire } = setup();
    const { taskId, seen } = await states(wire, "a [emulator: never]", 10, 3_600_000);
    expect(seen).toEqual(["pending", "processing"]);
    expect(emulator.task(taskId)?.completedAt).toBeUndefined();
  });

  it("ends failed with UPSTREAM_ERROR when the marker's states end failed without a code", async () => {
    const { wire } = setup();
    const { taskId } = await states(wire, "a [emulator: states=processing,failed]", 12, 1_000);
    expect((await json(await wire.status(taskId))).data).toMatchObject({
      state: "failed",
      failCode: "UPSTREAM_ERROR",
    });
  });

  it.each([
    [
      "not-json",
      (data: Record<string, unknown>) =>
        expect(() => JSON.parse(String(data.resultJson))).toThrow(SyntaxError),
    ],
    [
      "empty",
      (data: Record<string, unknown>) =>
        expect(JSON.parse(String(data.resultJson))).toEqual({ resultUrls: [] }),
    ],
    ["missing", (data: Record<string, unknown>) => expect(data).not.toHaveProperty("resultJson")],
  ])("spoils resultJson (result=%s)", async (result, check) => {
    const { wire } = setup();
    const taskId = await taskIdOf(
      await wire.submit(textToImage(`a fox [emulator: result=${result} duration=1000]`)),
    );
    await vi.advanceTimersByTimeAsync(1_000);
    const { data } = await json(await wire.status(taskId));
    expect(data.state).toBe("success");
    check(data);
  });
});

describe("Result downloads that go wrong", () => {
  async function imageUrl(wire: ReturnType<typeof apixoWire>, prompt: string) {
    const taskId = await taskIdOf(await wire.submit(textToImage(prompt)));
    await vi.advanceTimersByTimeAsync(10_000);
    return JSON.parse((await json(await wire.status(taskId))).data.resultJson).resultUrls[0] as string;
  }

  it("answers 404 for image=404, every time", async () => {
    const { wire } = setup();
    const url = await imageUrl(wire, "a fox [emulator: image=404]");
    expect((await fetch(url)).status).toBe(404);
    expect((await fetch(url)).status).toBe(404);
  });

  it("streams a body far larger than an image for image=huge, without a Content-Length", async () => {
    const { wire } = setup();
    const response = await fetch(await imageUrl(wire, "a fox [emulator: image=huge]"));
    expect(response.headers.get("content-length")).toBeNull();
    expect((await response.arrayBuffer()).byteLength).toBe(64 * 1024 * 1024);
  });

  it("redirects once for image=redirect, then serves the image", async () => {
    const { wire } = setup();
    const url = await imageUrl(wire, "a fox [emulator: image=redirect]");
    const first = await fetch(url, { redirect: "manual" });
    expect(first.status).toBe(302);
    const followed = await fetch(url);
    expect(followed.status).toBe(200);
    expect(followed.headers.get("content-type")).toBe("image/png");
  });

  it("takes injected file faults too", async () => {
    const { emulator, wire } = setup();
    const url = await imageUrl(wire, "a fox");
    emulator.inject("file", { kind: "reset" });
    await expect(fetch(url)).rejects.toThrow(TypeError);
    expect((await fetch(url)).status).toBe(200);
  });
});

describe("Scenarios: what every task does", () => {
  it("applies the scenario option to every task, unless a prompt marker says otherwise", async () => {
    const { wire } = setup({ scenario: { fail: "TIMEOUT" } });
    const failing = await taskIdOf(await wire.submit(textToImage("a fox")));
    const overridden = await taskIdOf(
      await wire.submit(textToImage("an owl [emulator: fail=CONTENT_VIOLATION]")),
    );
    await vi.advanceTimersByTimeAsync(10_000);
    expect((await json(await wire.status(failing))).data.failCode).toBe("TIMEOUT");
    expect((await json(await wire.status(overridden))).data.failCode).toBe("CONTENT_VIOLATION");
  });

  it("changes for new tasks with setScenario(), and back with reset()", async () => {
    const { emulator, wire } = setup();
    emulator.setScenario({ never: true });
    const stuck = await taskIdOf(await wire.submit(textToImage("a fox")));
    emulator.reset();
    const normal = await taskIdOf(await wire.submit(textToImage("a fox")));
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(emulator.task(stuck)).toBeUndefined();
    expect((await json(await wire.status(normal))).data.state).toBe("success");
  });
});

describe("Controls", () => {
  it("refuses a repeat count below one", () => {
    const { emulator } = setup();
    expect(() => emulator.inject("submit", { kind: "reset" }, { times: 0 })).toThrow(RangeError);
  });

  it("forgets tasks, faults and records on reset()", async () => {
    const { emulator, wire } = setup();
    const taskId = await taskIdOf(await wire.submit(textToImage("a fox")));
    emulator.inject("status", { kind: "http", status: 500 });
    emulator.reset();
    expect(emulator.tasks()).toEqual([]);
    expect(emulator.requests).toEqual([]);
    expect(emulator.stats().submits).toBe(0);
    expect((await wire.status(taskId)).status).toBe(404);
  });

  it.each([
    [{ timeScale: -1 }, RangeError],
    [{ durationMs: Number.NaN }, RangeError],
    [{ baseUrl: "not a url" }, TypeError],
  ])("refuses bad options %j", (options, type) => {
    expect(() => createApixoEmulator(options)).toThrow(type);
  });
});
