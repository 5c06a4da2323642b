import { describe, expect, it, vi } from "vitest";
import { EMULATOR_API_KEY } from "../engine/emulator-options.js";
import { apixoWire, textToImage } from "../test-support/apixo-wire-client.js";
import { decodeImage } from "../test-support/images.js";
import { json, mount, useMswServer } from "../test-support/msw.js";
import { APIXO_BASE_URL, apixoHandlers, createApixoEmulator } from "./apixo-emulator.js";

const server = useMswServer();

async function submitTask(wire: ReturnType<typeof apixoWire>, body: unknown, model = "nano-banana") {
  const response = await wire.submit(body, model);
  expect(response.status).toBe(200);
  return (await json(response)).data.taskId as string;
}

describe("Step 1: submit a generation task", () => {
  it("answers the documented envelope with a task id", async () => {
    const emulator = mount(server, createApixoEmulator());
    const response = await apixoWire(emulator).submit(
      textToImage("a fox in watercolor", { aspect_ratio: "16:9" }),
    );
    expect(response.status).toBe(200);
    const body = await json(response);
    expect(body).toEqual({
      code: 200,
      message: "success",
      data: { taskId: expect.stringMatching(/^task_\w{20}$/) },
    });
    expect(emulator.task(body.data.taskId)?.request).toEqual(
      textToImage("a fox in watercolor", { aspect_ratio: "16:9" }),
    );
  });

  it("never gives a task id twice, even after a restart with the same seed", async () => {
    const ids = [];
    for (const seed of [7, 7, 7]) {
      server.resetHandlers();
      const emulator = mount(server, createApixoEmulator({ seed }));
      for (let i = 0; i < 3; i++) ids.push(await submitTask(apixoWire(emulator), textToImage("a fox")));
    }
    expect(new Set(ids).size).toBe(9);
  });

  it("a handle kept from an earlier run is unknown to a new one, not another task", async () => {
    const first = mount(server, createApixoEmulator());
    const oldId = await submitTask(apixoWire(first), textToImage("a fox"));
    server.resetHandlers();
    const second = mount(server, createApixoEmulator());
    await submitTask(apixoWire(second), textToImage("a heron"));
    expect((await apixoWire(second).status(oldId)).status).toBe(404);
  });

  it("draws the same latencies for the same seed", async () => {
    const latencies = [];
    for (const seed of [7, 7, 8]) {
      server.resetHandlers();
      const emulator = mount(server, createApixoEmulator({ seed }));
      const id = await submitTask(apixoWire(emulator), textToImage("a fox"));
      const task = emulator.task(id);
      latencies.push((task?.completedAt ?? 0) - (task?.createdAt ?? 0));
    }
    expect(latencies[0]).toBe(latencies[1]);
    expect(latencies[2]).not.toBe(latencies[0]);
  });

  it("serves any other model id by pass-through, with that model's own input", async () => {
    const emulator = mount(server, createApixoEmulator());
    const wire = apixoWire(emulator);
    const taskId = await submitTask(
      wire,
      { request_type: "async", input: { prompt: "a fox", steps: 28, seed: 3 } },
      "flux-2",
    );
    await vi.advanceTimersByTimeAsync(20_000);
    const { data } = await json(await wire.status(taskId, "flux-2"));
    expect(data.state).toBe("success");
    expect(JSON.parse(data.resultJson).resultUrls).toHaveLength(1);
  });
});

describe("Step 2: poll for results", () => {
  it("moves pending → processing → success within nano-banana's typical 15–20 s", async () => {
    const emulator = mount(server, createApixoEmulator());
    const wire = apixoWire(emulator);
    const submittedAt = Date.now();
    const taskId = await submitTask(wire, textToImage("a fox"));
    const seen: string[] = [];
    for (let elapsed = 0; elapsed <= 21_000; elapsed += 1_000) {
      const { data } = await json(await wire.status(taskId));
      if (seen.at(-1) !== data.state) seen.push(data.state);
      if (elapsed < 15_000) expect(data.state).not.toBe("success");
      await vi.advanceTimersByTimeAsync(1_000);
    }
    expect(seen).toEqual(["pending", "processing", "success"]);
    const { data } = await json(await wire.status(taskId));
    expect(data).toEqual({
      taskId,
      state: "success",
      resultJson: expect.any(String),
      createTime: submittedAt,
      completeTime: expect.any(Number),
      costTime: data.completeTime - submittedAt,
    });
    expect(data.costTime).toBeGreaterThanOrEqual(15_000);
    expect(data.costTime).toBeLessThanOrEqual(20_000);
  });

  it("shows only taskId, state and createTime while in progress", async () => {
    const emulator = mount(server, createApixoEmulator());
    const wire = apixoWire(emulator);
    const taskId = await submitTask(wire, textToImage("a fox"));
    await vi.advanceTimersByTimeAsync(8_000);
    expect(await json(await wire.status(taskId))).toEqual({
      code: 200,
      message: "success",
      data: { taskId, state: "processing", createTime: Date.now() - 8_000 },
    });
  });

  it.each([
    ["1K", 20_000, 30_000],
    ["2K", 30_000, 45_000],
    ["4K", 45_000, 60_000],
  ])("takes nano-banana-pro's documented %s time (%i–%i ms)", async (resolution, min, max) => {
    const emulator = mount(server, createApixoEmulator({ seed: 3 }));
    const wire = apixoWire(emulator);
    const ids = [];
    for (let i = 0; i < 5; i++)
      ids.push(await submitTask(wire, textToImage(`fox ${i}`, { resolution }), "nano-banana-pro"));
    await vi.advanceTimersByTimeAsync(max);
    for (const id of ids) {
      const { data } = await json(await wire.status(id, "nano-banana-pro"));
      expect(data.state).toBe("success");
      expect(data.costTime).toBeGreaterThanOrEqual(min);
      expect(data.costTime).toBeLessThanOrEqual(max);
    }
  });

  it("scales every duration by timeScale and takes a fixed durationMs", async () => {
    const emulator = mount(server, createApixoEmulator({ timeScale: 0.001, durationMs: 20_000 }));
    const wire = apixoWire(emulator);
    const taskId = await submitTask(wire, textToImage("a fox"));
    await vi.advanceTimersByTimeAsync(19);
    expect((await json(await wire.status(taskId))).data.state).toBe("processing");
    await vi.advanceTimersByTimeAsync(1);
    expect((await json(await wire.status(taskId))).data).toMatchObject({ state: "success", costTime: 20 });
  });

  it("keeps the model in the path: a task asked for under another model is not found", async () => {
    const emulator = mount(server, createApixoEmulator());
    const wire = apixoWire(emulator);
    const taskId = await submitTask(wire, textToImage("a fox"));
    const response = await wire.status(taskId, "nano-banana-pro");
    expect(response.status).toBe(404);
    expect(await json(response)).toEqual({ code: 404, message: "Task not found", data: null });
    expect((await wire.status("task_unknown")).status).toBe(404);
  });

  it("answers 400 when taskId is missing", async () => {
    const emulator = mount(server, createApixoEmulator());
    const response = await fetch(`${emulator.baseUrl}/statusTask/nano-banana`, {
      headers: { Authorization: `Bearer ${emulator.apiKey}` },
    });
    expect(response.status).toBe(400);
    expect(await json(response)).toEqual({ code: 400, message: "taskId is required", data: null });
  });
});

describe("Step 3: download your image", () => {
  async function finishedUrl(
    emulator: ReturnType<typeof createApixoEmulator>,
    body: unknown,
    model = "nano-banana",
  ) {
    const wire = apixoWire(emulator);
    const taskId = await submitTask(wire, body, model);
    await vi.advanceTimersByTimeAsync(60_000);
    const { data } = await json(await wire.status(taskId, model));
    return (JSON.parse(data.resultJson) as { resultUrls: string[] }).resultUrls[0] as string;
  }

  it.each([
    ["nano-banana", {}, "png", 1024, 1024],
    ["nano-banana", { aspect_ratio: "16:9", output_format: "jpeg" }, "jpeg", 1360, 768],
    ["nano-banana-pro", { aspect_ratio: "9:16", resolution: "2K" }, "png", 1536, 2736],
    ["nano-banana", { aspect_ratio: "auto" }, "png", 1024, 1024],
  ])("serves a real image: %s %j → %s %i×%i", async (model, input, format, width, height) => {
    const emulator = mount(server, createApixoEmulator());
    const url = await finishedUrl(emulator, textToImage("a fox", input), model);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(decodeImage(await response.arrayBuffer(), response.headers.get("content-type"))).toEqual({
      format,
      width,
      height,
    });
  });

  it("renders different pictures for different prompts, the same for the same prompt", async () => {
    const emulator = mount(server, createApixoEmulator());
    const bytes = async (prompt: string) =>
      new Uint8Array(await (await fetch(await finishedUrl(emulator, textToImage(prompt)))).arrayBuffer());
    const [fox, fox2, owl] = [await bytes("a fox"), await bytes("a fox"), await bytes("an owl")];
    expect(fox).toEqual(fox2);
    expect(owl).not.toEqual(fox);
  });

  it("needs no API key and serves from the files URL, not the API", async () => {
    const emulator = mount(server, createApixoEmulator({ filesUrl: "https://cdn.example.test/r2" }));
    const url = await finishedUrl(emulator, textToImage("a fox"));
    expect(url).toMatch(/^https:\/\/cdn\.example\.test\/r2\/task_\w+\/0\.png$/);
    const first = new Uint8Array(await (await fetch(url)).arrayBuffer());
    expect(new Uint8Array(await (await fetch(url)).arrayBuffer())).toEqual(first);
    expect(emulator.requests.at(-1)).toMatchObject({ call: "file", authorization: null, status: 200 });
    expect(emulator.tasks()[0]?.imageUrls).toEqual([url]);
  });

  it.each([
    ["nano-banana", 24 * 3_600_000],
    ["nano-banana-pro", 15 * 24 * 3_600_000],
  ])("expires %s result URLs after the documented lifetime", async (model, lifetimeMs) => {
    const emulator = mount(server, createApixoEmulator({ durationMs: 10_000 }));
    const url = await finishedUrl(emulator, textToImage("a fox"), model);
    await vi.advanceTimersByTimeAsync(lifetimeMs - 60_000 + 10_000 - 1);
    expect((await fetch(url)).status).toBe(200);
    await vi.advanceTimersByTimeAsync(1);
    expect((await fetch(url)).status).toBe(404);
  });

  it("has no image before the task succeeds, nor for an unknown task", async () => {
    const emulator = mount(server, createApixoEmulator());
    const taskId = await submitTask(apixoWire(emulator), textToImage("a fox"));
    expect((await fetch(`${emulator.filesUrl}/${taskId}/0.png`)).status).toBe(404);
    expect((await fetch(`${emulator.filesUrl}/task_nope/0.png`)).status).toBe(404);
  });
});

describe("Authorization: Bearer <key>", () => {
  it.each([
    ["a missing key", undefined],
    ["a wrong key", "Bearer sk-wrong"],
    ["a key without the Bearer scheme", "emulator-key"],
  ])("answers the vendor's 401 to %s, on submit and status alike", async (_, authorization) => {
    const emulator = mount(server, createApixoEmulator());
    const headers: Record<string, string> = { "Content-Type": "application/json" };
    if (authorization) headers.Authorization = authorization;
    const submit = await fetch(`${emulator.baseUrl}/generateTask/nano-banana`, {
      method: "POST",
      headers,
      body: JSON.stringify(textToImage("a fox")),
    });
    const status = await fetch(`${emulator.baseUrl}/statusTask/nano-banana?taskId=task_x`, { headers });
    for (const response of [submit, status]) {
      expect(response.status).toBe(401);
      expect(await json(response)).toEqual({ code: 401, message: "Invalid or missing API key", data: null });
    }
    expect(emulator.stats().tasksCreated).toBe(0);
  });

  it("accepts the key it is configured with", async () => {
    const emulator = mount(server, createApixoEmulator({ apiKey: "sk-live-123" }));
    expect((await apixoWire(emulator, "sk-live-123").submit(textToImage("a fox"))).status).toBe(200);
    expect((await apixoWire(emulator, "emulator-key").submit(textToImage("a fox"))).status).toBe(401);
  });
});

describe("apixoHandlers(): the handlers alone, for setupServer", () => {
  it("answers at the documented base URL with the default key", async () => {
    server.use(...apixoHandlers());
    const response = await fetch(`${APIXO_BASE_URL}/generateTask/nano-banana`, {
      method: "POST",
      headers: { Authorization: `Bearer ${EMULATOR_API_KEY}`, "Content-Type": "application/json" },
      body: JSON.stringify(textToImage("a fox")),
    });
    expect((await json(response)).code).toBe(200);
  });
});
