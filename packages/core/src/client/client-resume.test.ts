import { describe, expect, it, vi } from "vitest";
import {
  createImageClient,
  type ImageGenEvent,
  type TaskHandle,
  TaskTimeoutError,
  ValidationError,
} from "../index.js";
import { acme } from "../test-support/acme-provider.js";
import { ACME_KEY } from "../test-support/acme-server.js";
import { settle, setupClient, useMswServer } from "../test-support/harness.js";

const server = useMswServer();

describe("the overall deadline", () => {
  it("throws TaskTimeoutError carrying the handle, and leaves no timer behind", async () => {
    const { client, events } = setupClient(server, { durationMs: 120_000, timeoutMs: 30_000 });
    const { error } = await settle(client.generate({ prompt: "a fox" }));
    expect(TaskTimeoutError.isInstance(error)).toBe(true);
    const timeout = error as TaskTimeoutError;
    expect(timeout.handle).toMatchObject({ provider: "acme", model: "fast", taskId: "task_1" });
    expect(timeout.retryable).toBe(true);
    expect(timeout.message).toContain("resume with client.wait(error.handle)");
    expect(events.at(-1)).toMatchObject({ type: "state", previous: "queued", state: "timed_out" });
    expect(vi.getTimerCount()).toBe(0);
  });

  it("also bounds a status call in flight", async () => {
    const { client } = setupClient(server, { timeoutMs: 12_000, requestTimeoutMs: 60_000 });
    const { http, HttpResponse, delay } = await import("msw");
    server.use(
      http.get("https://api.acme.test/v1/tasks/:id", async () => {
        await delay("infinite");
        return HttpResponse.json({});
      }),
    );
    const started = Date.now();
    const outcome = client
      .generate({ prompt: "a fox" })
      .catch((error: unknown) => ({ error, at: Date.now() }));
    await vi.advanceTimersByTimeAsync(12_000);
    const { error, at } = (await outcome) as { error: unknown; at: number };
    expect(TaskTimeoutError.isInstance(error)).toBe(true);
    expect(at - started).toBe(12_000);
  });

  it("passing while the submit request is in flight is SubmitOutcomeUnknownError, not a plain timeout", async () => {
    const { client, vendor } = setupClient(server, { timeoutMs: 5_000, requestTimeoutMs: 60_000 });
    const { http, HttpResponse, delay } = await import("msw");
    server.use(
      http.post("https://api.acme.test/v1/tasks", async () => {
        await delay(10_000);
        return HttpResponse.json({ id: "task_late" });
      }),
    );
    const outcome = client.generate({ prompt: "a fox" }).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(5_000);
    const error = await outcome;
    expect(error).toMatchObject({ name: "SubmitOutcomeUnknownError", provider: "acme" });
    expect(vendor.calls.submit).toBe(1);
  });

  it("a resumed wait after a timeout gets the result, with no second submit", async () => {
    const { client, vendor } = setupClient(server, { durationMs: 60_000 });
    const { error } = await settle(client.generate({ prompt: "a fox", timeoutMs: 20_000 }));
    const handle = (error as TaskTimeoutError).handle as TaskHandle;
    const { value } = await settle(client.wait(handle));
    expect(value?.images).toHaveLength(1);
    expect(vendor.calls.submit).toBe(1);
  });
});

describe("resuming in another process", () => {
  it("a JSON round-tripped handle waits in a fresh client, polling on the remaining schedule", async () => {
    const { client, vendor } = setupClient(server, { durationMs: 15_000, poll: { jitter: 0 } });
    const handle = await client.submit({ prompt: "a fox" });
    const stored = JSON.parse(JSON.stringify(handle)) as TaskHandle;
    expect(stored).toEqual(handle);
    await vi.advanceTimersByTimeAsync(4_000);

    const events: ImageGenEvent[] = [];
    const restarted = createImageClient({
      providers: { acme: acme({ apiKey: ACME_KEY }) },
      random: () => 0.5,
    });
    const started = Date.now();
    const { value } = await settle(
      restarted.wait(stored, { onEvent: (event) => events.push(event), poll: { jitter: 0 } }),
    );
    expect(value?.status.state).toBe("succeeded");
    expect(value?.warnings).toEqual([]);
    const polls = events.filter((event) => event.type === "poll").map((event) => event.at - started);
    expect(polls).toEqual([6_000, 9_000, 12_000]);
    expect(vendor.calls.submit).toBe(1);
  });

  it("submit emits the handle before any waiting", async () => {
    const { client, vendor, events } = setupClient(server);
    const handle = await client.submit({ prompt: "a fox" });
    expect(events.map((event) => event.type)).toEqual(["submitted", "state"]);
    expect(vendor.calls.status).toBe(0);
    expect(handle).toEqual({
      provider: "acme",
      model: "fast",
      taskId: "task_1",
      submittedAt: expect.any(String),
      expectedLatencyMs: { min: 10_000, max: 20_000 },
    });
  });

  it("getStatus is one status call", async () => {
    const { client, vendor } = setupClient(server);
    const handle = await client.submit({ prompt: "a fox" });
    const status = await client.getStatus(handle);
    expect(status).toMatchObject({ taskId: "task_1", state: "queued", images: [] });
    expect(vendor.calls.status).toBe(1);
  });

  it("a handle that is not one is a ValidationError, nothing sent", async () => {
    const { client, vendor } = setupClient(server);
    for (const bad of [
      {},
      { provider: "acme", model: "fast", taskId: "" },
      { provider: "acme", taskId: "t", model: "fast", submittedAt: "yesterday" },
    ]) {
      await expect(client.wait(bad as TaskHandle)).rejects.toBeInstanceOf(ValidationError);
      await expect(client.getStatus(bad as TaskHandle)).rejects.toBeInstanceOf(ValidationError);
    }
    expect(vendor.calls.status).toBe(0);
  });
});

describe("aborting", () => {
  it("stops the wait at once with the signal's reason; the task can be resumed", async () => {
    const { client, events, vendor } = setupClient(server);
    const controller = new AbortController();
    const error = client.generate({ prompt: "a fox", signal: controller.signal }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(11_000);
    controller.abort(new Error("user pressed Ctrl-C"));
    expect(await error).toMatchObject({ message: "user pressed Ctrl-C" });
    expect(events.at(-1)).toMatchObject({ type: "state", state: "aborted" });
    expect(vendor.calls.status).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
    const handle = events.find((event) => event.type === "submitted")?.handle as TaskHandle;
    expect((await settle(client.wait(handle))).value?.status.state).toBe("succeeded");
  });

  it("an already aborted signal sends nothing", async () => {
    const { client, vendor } = setupClient(server);
    const { error } = await settle(
      client.generate({ prompt: "a fox", signal: AbortSignal.abort(new Error("no")) }),
    );
    expect((error as Error).message).toBe("no");
    expect(vendor.calls.submit).toBe(0);
  });
});

describe("watch", () => {
  it("yields every event of the task and ends with it", async () => {
    const { client } = setupClient(server);
    const handle = await client.submit({ prompt: "a fox" });
    const seen: string[] = [];
    const done = (async () => {
      for await (const event of client.watch(handle))
        seen.push(event.type === "state" ? event.state : event.type);
    })();
    await vi.runAllTimersAsync();
    await done;
    expect(seen).toEqual(["poll", "running", "poll", "poll", "succeeded"]);
  });

  it("throws what wait would, after the events before it", async () => {
    const { client } = setupClient(server);
    const handle = await client.submit({ prompt: "fail:NSFW" });
    const seen: string[] = [];
    const done = (async () => {
      for await (const event of client.watch(handle)) seen.push(event.type);
    })().catch((error: Error) => error.name);
    await vi.runAllTimersAsync();
    expect(await done).toBe("ContentPolicyError");
    expect(seen.at(-1)).toBe("state");
  });

  it("leaving the loop early stops polling", async () => {
    const { client, vendor } = setupClient(server);
    const handle = await client.submit({ prompt: "a fox" });
    const done = (async () => {
      for await (const event of client.watch(handle)) if (event.type === "poll") break;
    })();
    await vi.runAllTimersAsync();
    await done;
    expect(vendor.calls.status).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("ends when the caller's signal aborts", async () => {
    const { client } = setupClient(server);
    const handle = await client.submit({ prompt: "a fox" });
    const controller = new AbortController();
    const done = (async () => {
      for await (const _ of client.watch(handle, { signal: controller.signal })) {
        /* drain */
      }
    })().catch((error: Error) => error.message);
    await vi.advanceTimersByTimeAsync(1_000);
    controller.abort(new Error("stop watching"));
    await vi.runAllTimersAsync();
    expect(await done).toBe("stop watching");
  });
});
