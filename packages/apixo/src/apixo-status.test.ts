import { ProviderError } from "@org/imagegen-core";
import { fails, settle, succeeds, useMswServer } from "@org/imagegen-test-kit";
import { describe, expect, it } from "vitest";
import { apixo } from "./apixo-provider.js";
import { toTaskStatus } from "./apixo-status.js";
import { emulatedApixo } from "./test-support/emulated-apixo.js";

const server = useMswServer();
const HOUR = 3_600_000;

describe("status: the four states", () => {
  it("pending → queued, processing → running, success → succeeded", async () => {
    const { client, events } = emulatedApixo(server, { emulator: { durationMs: 40_000 } });
    await succeeds(client.generate({ prompt: "a fox [emulator: states=pending,processing,success]" }));
    const states = events.flatMap((event) => (event.type === "state" ? [event.state] : []));
    expect(states).toEqual(["queued", "running", "succeeded"]);
  });

  it("each status answer is one poll event with the normalised status", async () => {
    const { client, events, emulator } = emulatedApixo(server);
    await succeeds(client.generate({ prompt: "a fox" }));
    const polls = events.filter((event) => event.type === "poll");
    expect(polls).toHaveLength(emulator.stats().statusCalls);
    expect(polls.at(-1)).toMatchObject({ status: { state: "succeeded" } });
  });

  it("a task that regresses (processing → pending) is not moved back", async () => {
    // processing for the first 20 s (the emulator's queue share), then pending until 100 s.
    const { client, events } = emulatedApixo(server, { emulator: { durationMs: 100_000 } });
    await succeeds(client.generate({ prompt: "a fox [emulator: states=processing,pending,success]" }));
    const seen = events.flatMap((event) => (event.type === "poll" ? [event.status.state] : []));
    expect(seen).toEqual(expect.arrayContaining(["running", "queued", "succeeded"]));
    expect(seen.indexOf("queued")).toBeGreaterThan(seen.indexOf("running"));
    const states = events.flatMap((event) => (event.type === "state" ? [event.state] : []));
    expect(states).toEqual(["queued", "running", "succeeded"]);
  });

  it("an undocumented state is retried a bounded number of times, then a ProviderError", async () => {
    const { client, emulator } = emulatedApixo(server, { client: { retry: { maxAttempts: 3 } } });
    const error = await fails(client.generate({ prompt: "a fox [emulator: states=dreaming duration=1000]" }));
    expect(ProviderError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ reason: "unknown_state", retryable: true });
    expect(error.message).toContain('"dreaming"');
    expect(emulator.stats().statusCalls).toBe(3);
  });
});

describe("status: resultJson", () => {
  it("is parsed into images, with the vendor's timings", async () => {
    const { client, emulator } = emulatedApixo(server, { emulator: { durationMs: 17_000 } });
    const result = await succeeds(client.generate({ prompt: "a fox" }));
    const task = emulator.tasks()[0];
    expect(result.images).toEqual(task?.imageUrls.map((url) => ({ url, expiresAt: expect.any(String) })));
    expect(result.status).toMatchObject({
      state: "succeeded",
      createdAt: "2026-01-01T00:00:00.000Z",
      completedAt: "2026-01-01T00:00:17.000Z",
      durationMs: 17_000,
      failure: undefined,
    });
    expect(result.status.raw).toMatchObject({ taskId: task?.id, state: "success" });
  });

  it("result URLs expire as the model pages say: nano-banana after 24 h, pro after 15 days", async () => {
    const { client } = emulatedApixo(server, { emulator: { durationMs: 1_000 } });
    const short = await succeeds(client.generate({ prompt: "a fox" }));
    const long = await succeeds(client.generate({ model: "apixo:nano-banana-pro", prompt: "a fox" }));
    const lifetime = (result: typeof short) =>
      Date.parse(result.images[0]?.expiresAt ?? "") - Date.parse(result.status.completedAt ?? "");
    expect(lifetime(short)).toBe(24 * HOUR);
    expect(lifetime(long)).toBe(15 * 24 * HOUR);
  });

  it("a pass-through model's URLs carry no expiry we do not know", async () => {
    const { client } = emulatedApixo(server, { apixo: { passThrough: ["flux-2"] } });
    const result = await succeeds(client.generate({ model: "apixo:flux-2", prompt: "a fox" }));
    expect(result.images[0]?.expiresAt).toBeUndefined();
  });

  for (const [result, why] of [
    ["not-json", "is not JSON"],
    ["empty", "lists no image"],
    ["missing", "sent no resultJson"],
  ] as const) {
    it(`${result}: a ProviderError ("malformed"), after the bounded retries, not a crash`, async () => {
      const { client, emulator } = emulatedApixo(server);
      const error = await fails(client.generate({ prompt: `a fox [emulator: result=${result}]` }));
      expect(error).toMatchObject({ name: "ProviderError", reason: "malformed" });
      expect(error.message).toContain(why);
      expect(emulator.stats().submits).toBe(1);
    });
  }
});

describe("status: the model is part of the path", () => {
  it("the handle keeps the model, and a status check uses it", async () => {
    const { client, emulator } = emulatedApixo(server);
    const handle = await client.submit({ model: "apixo:nano-banana-pro", prompt: "a fox" });
    expect(handle).toMatchObject({ provider: "apixo", model: "nano-banana-pro" });
    await client.getStatus(handle);
    expect(emulator.requests.at(-1)?.url).toBe(
      `${emulator.baseUrl}/statusTask/nano-banana-pro?taskId=${handle.taskId}`,
    );
  });

  it("a handle naming another model is a clear, final error (APIXO answers 404)", async () => {
    const { client, emulator } = emulatedApixo(server);
    const handle = await client.submit({ prompt: "a fox" });
    const { error } = await settle(client.getStatus({ ...handle, model: "nano-banana-pro" }));
    expect(error).toMatchObject({ name: "ProviderError", statusCode: 404, retryable: false });
    expect((error as Error).message).toMatch(/does not know task task_\w+ under model nano-banana-pro/);
    expect(emulator.stats().statusCalls).toBe(1);
  });
});

describe("status: failures", () => {
  it("failCode and failMsg become the failure, with completion time", async () => {
    const { client } = emulatedApixo(server, { emulator: { durationMs: 5_000 } });
    const handle = await client.submit({ prompt: "a fox [emulator: fail=UPSTREAM_ERROR]" });
    const { value } = await settle(client.wait(handle).catch(() => client.getStatus(handle)));
    expect(value).toMatchObject({
      state: "failed",
      images: [],
      failure: { kind: "task_failed", code: "UPSTREAM_ERROR", retryable: true },
      completedAt: "2026-01-01T00:00:05.000Z",
      durationMs: 5_000,
    });
  });
});

describe("result lifetime without a completion time", () => {
  it("counts from when the answer arrived", () => {
    const data = {
      taskId: "t",
      state: "success",
      resultJson: '{"resultUrls":["https://cdn.example/a.png"]}',
    };
    const status = toTaskStatus(data, { provider: "apixo", model: "nano-banana", now: 1_000 });
    expect(status.images).toEqual([
      { url: "https://cdn.example/a.png", expiresAt: new Date(1_000 + 24 * HOUR).toISOString() },
    ]);
    expect(status).toMatchObject({ createdAt: undefined, completedAt: undefined, durationMs: undefined });
  });
});

describe("callback deliveries are read by the same normaliser", () => {
  const adapter = apixo({ apiKey: "unused" });
  const headers = new Headers();
  const envelope = (data: unknown) => ({ code: 200, message: "success", data });

  it("a success delivery", () => {
    const data = {
      taskId: "task_1",
      state: "success",
      resultJson: '{"resultUrls":["https://cdn.example/a.png"]}',
      createTime: 0,
      completeTime: 20_000,
      costTime: 19_000,
    };
    expect(adapter.parseCallback(envelope(data), headers)).toMatchObject({
      taskId: "task_1",
      state: "succeeded",
      images: [{ url: "https://cdn.example/a.png" }],
      durationMs: 19_000,
    });
  });

  it("a failed delivery", () => {
    const data = { taskId: "task_2", state: "failed", failCode: "CONTENT_VIOLATION", failMsg: "no" };
    expect(adapter.parseCallback(envelope(data), headers)).toMatchObject({
      state: "failed",
      failure: { kind: "content_policy", code: "CONTENT_VIOLATION", message: "no" },
    });
  });

  it("a tolerant reading: nulls for absent fields, resultJson already parsed, code as a string", () => {
    const data = {
      taskId: "task_3",
      state: "success",
      resultJson: { resultUrls: ["https://cdn.example/b.png"] },
      failCode: null,
      failMsg: null,
      createTime: 1_000,
      completeTime: 4_000,
      costTime: null,
    };
    expect(adapter.parseCallback({ ...envelope(data), code: "200" }, headers)).toMatchObject({
      state: "succeeded",
      images: [{ url: "https://cdn.example/b.png" }],
      durationMs: 3_000,
    });
  });

  it("a failure without a documented code or message is a final task failure that says so", () => {
    const status = (data: object) =>
      adapter.parseCallback(envelope({ taskId: "t", state: "failed", ...data }), headers);
    expect(status({}).failure).toEqual({
      kind: "task_failed",
      code: "UNKNOWN",
      message: "no reason given",
      retryable: false,
    });
    expect(status({ failCode: "GPU_MELTED", failMsg: "it melted" }).failure).toEqual({
      kind: "task_failed",
      code: "GPU_MELTED",
      message: "it melted",
      retryable: false,
    });
    expect(status({ failCode: "TIMEOUT" }).failure).toMatchObject({
      message: "the upstream model timed out",
      retryable: true,
    });
  });

  it("a resultJson object without resultUrls is malformed, and kept on the error", () => {
    const data = { taskId: "t", state: "success", resultJson: { urls: ["https://cdn.example/c.png"] } };
    expect(() => adapter.parseCallback(envelope(data), headers)).toThrow(
      expect.objectContaining({
        reason: "malformed",
        responseBody: '{"urls":["https://cdn.example/c.png"]}',
      }),
    );
  });

  it("a body that is not a task is a ProviderError", () => {
    expect(() => adapter.parseCallback({ hello: "world" }, headers)).toThrow(/unexpected callback delivery/);
    expect(() => adapter.parseCallback(envelope({ taskId: "t" }), headers)).toThrow(/state/);
  });
});
