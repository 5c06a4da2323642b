import { apixo } from "@org/imagegen-apixo";
import { createImageClient, type ImageClient } from "@org/imagegen-core";
import { type RunningEmulator, startEmulator } from "@org/imagegen-testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startReceiver } from "./support/receiver.js";
import type { ReliabilityRow } from "./support/rows.js";

// Callback (webhook) mode against the APIXO emulator, which POSTs to our receiver over loopback. Forged
// deliveries must change nothing; genuine ones, however often they come, must change a task once.

const SECRET = "cb-secret-5mK8pQ2vX7zR4tN9";
let emulator: RunningEmulator<"apixo">;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let client: ImageClient;
/** The receiver's answers, first to last; afterwards, whatever the client's handler says. */
let scripted: number[];

beforeEach(async () => {
  emulator = await startEmulator({ vendors: ["apixo"], timeScale: 0.001 });
  scripted = [];
  receiver = await startReceiver(async (request) => {
    const status = scripted.shift();
    if (status !== undefined) return new Response("scripted", { status });
    try {
      const result = await client.handleCallback(request);
      return Response.json({ state: result.state });
    } catch (error) {
      return Response.json(
        { error: (error as Error).name },
        { status: (error as Error).name === "AuthenticationError" ? 401 : 400 },
      );
    }
  });
  client = createImageClient({
    providers: { apixo: apixo({ baseUrl: emulator.apixo.baseUrl, apiKey: emulator.apixo.apiKey }) },
    defaultModel: "apixo:nano-banana",
    callback: { url: `${receiver.origin}/callback`, secret: SECRET },
    // Polling far later than the task ends: a result that arrives early came by callback.
    poll: { initialDelayMs: 60_000 },
    retry: { baseDelayMs: 20, maxDelayMs: 100 },
  });
});
afterEach(async () => {
  await emulator.close();
  await receiver.close();
});

const callbackUrl = (params: Record<string, string>) =>
  `${receiver.origin}/callback?${new URLSearchParams({ imagegen_provider: "apixo", imagegen_model: "nano-banana", ...params })}`;

const post = (url: string, body: string) =>
  fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body }).then((r) => r.status);

const claim = (taskId: string) =>
  JSON.stringify({
    code: 200,
    msg: "success",
    data: {
      taskId,
      state: "success",
      resultJson: JSON.stringify({ resultUrls: ["https://forged.invalid/x.png"] }),
      createTime: Date.now(),
    },
  });

describe("callbacks", () => {
  it("forged deliveries are rejected and change no task", async ({ task }) => {
    // A task that runs until the forgeries are done: nothing may end it early or give it a forged image.
    const handle = await client.submit({ prompt: "a fox [emulator: duration=2000000]" });
    const stop = new AbortController();
    const waiting = client.wait(handle, { signal: stop.signal });
    let settled = false;
    waiting.then(
      () => {
        settled = true;
      },
      () => {
        settled = true;
      },
    );
    const statusCalls = emulator.apixo.stats().statusCalls;
    const answers = {
      "wrong secret": await post(
        callbackUrl({ imagegen_token: "x".repeat(SECRET.length) }),
        claim(handle.taskId),
      ),
      "missing secret": await post(callbackUrl({}), claim(handle.taskId)),
      "oversized body (1 MiB)": await post(
        callbackUrl({ imagegen_token: SECRET }),
        `{"pad":"${"a".repeat(1024 * 1024)}"}`,
      ),
      "not JSON": await post(callbackUrl({ imagegen_token: SECRET }), "<html>"),
    };
    expect(answers).toEqual({
      "wrong secret": 401,
      "missing secret": 401,
      "oversized body (1 MiB)": 400,
      "not JSON": 400,
    });
    expect(emulator.apixo.stats().statusCalls).toBe(statusCalls); // rejected before anything was asked

    // With the secret (say it leaked): a false claim and an unknown task are checked with the vendor first.
    const falseClaim = await post(callbackUrl({ imagegen_token: SECRET }), claim(handle.taskId));
    const wrongTask = await post(callbackUrl({ imagegen_token: SECRET }), claim("task_nobody_knows"));
    expect([falseClaim, wrongTask]).toEqual([200, 400]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(settled).toBe(false); // the vendor says running, so the waiter keeps waiting
    expect(emulator.apixo.task(handle.taskId)?.state).not.toBe("success");
    task.meta.reliability = {
      section: "check",
      group: "Callbacks",
      check:
        "forged deliveries: wrong secret, missing secret, 1 MiB body, not JSON; with the secret: a false success claim, an unknown task",
      outcome: `HTTP ${Object.values(answers).join(", ")} with no status call; then ${falseClaim} and ${wrongTask} after one status call each; the task still running, its waiter still waiting`,
    } satisfies ReliabilityRow;
    stop.abort();
    await expect(waiting).rejects.toThrow();
  });

  it("a genuine delivery ends the wait; a replay and a redelivery change nothing", async ({ task }) => {
    scripted = [500]; // the first delivery fails, so the emulator delivers again
    const result = await client.generate({ prompt: "a fox" });
    expect(result.status.state).toBe("succeeded");
    const genuine = receiver.received.find((entry) => entry.url.includes("imagegen_token"));
    if (!genuine) throw new Error("no delivery reached the receiver");
    const replay = await post(genuine.url, genuine.body);
    const again = await client.getStatus(result.handle);
    expect(replay).toBe(200);
    expect(again.images).toEqual(result.images);
    const stats = emulator.apixo.stats();
    task.meta.reliability = {
      section: "check",
      group: "Callbacks",
      check: "a genuine delivery (the first answered 500 and redelivered), then the same delivery replayed",
      outcome: `the wait ended by callback with no poll; the replay got the kept result with no status call; ${stats.submits} submit, ${stats.tasksCreated} task, ${stats.statusCalls} status calls (one confirmation and one check)`,
    } satisfies ReliabilityRow;
    expect(emulator.apixo.deliveries.map((delivery) => delivery.status)).toEqual([500, 200]);
    expect(stats.statusCalls).toBe(2);
    expect(stats.submits).toBe(1);
    expect(stats.tasksCreated).toBe(1);
  });
});

describe("callback results are kept, shared and answered in time", () => {
  /** Waits until the emulator's delivery of the task reached the receiver and was answered. */
  async function delivered(taskId: string) {
    for (let i = 0; i < 400; i++) {
      if (emulator.apixo.deliveries.some((delivery) => delivery.taskId === taskId && delivery.status === 200))
        return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`no delivery of ${taskId} was answered`);
  }

  it("a delivery confirmed before wait() starts: the wait returns at once, with no poll", async ({
    task,
  }) => {
    const handle = await client.submit({ prompt: "a fox" });
    await delivered(handle.taskId);
    const polls = emulator.apixo.stats().statusCalls;
    const started = performance.now();
    const result = await client.wait(handle);
    const waitedMs = performance.now() - started;
    const extraPolls = emulator.apixo.stats().statusCalls - polls;
    task.meta.reliability = {
      section: "check",
      group: "Callbacks",
      check: "a delivery confirmed before `wait()` starts (the client polls first at 60 s)",
      outcome: `the wait returned ${result.status.state} with ${extraPolls} status calls, at once instead of at the first poll`,
    } satisfies ReliabilityRow;
    expect(result.status.state).toBe("succeeded");
    expect(extraPolls).toBe(0);
    expect(waitedMs).toBeLessThan(1_000);
  });

  /** A client whose own deliveries go to a receiver that ignores them, so only the test's deliveries count. */
  async function submittedElsewhere(options: { confirmTimeoutMs?: number } = {}) {
    const sink = await startReceiver();
    const other = createImageClient({
      providers: { apixo: apixo({ baseUrl: emulator.apixo.baseUrl, apiKey: emulator.apixo.apiKey }) },
      defaultModel: "apixo:nano-banana",
      callback: { url: `${sink.origin}/callback`, secret: SECRET, ...options },
      poll: { initialDelayMs: 50, intervalMs: 50 },
      retry: { baseDelayMs: 20, maxDelayMs: 100 },
    });
    const handle = await other.submit({ prompt: "a fox" });
    while (emulator.apixo.task(handle.taskId)?.state !== "success")
      await new Promise((resolve) => setTimeout(resolve, 10));
    await sink.close();
    return { other, handle, body: claim(handle.taskId) };
  }

  it("1,000 duplicate deliveries of one task share one confirming status call", async ({ task }) => {
    const { body } = await submittedElsewhere();
    const polls = emulator.apixo.stats().statusCalls;
    const answers = await Promise.all(
      Array.from({ length: 1_000 }, () => post(callbackUrl({ imagegen_token: SECRET }), body)),
    );
    const confirming = emulator.apixo.stats().statusCalls - polls;
    task.meta.reliability = {
      section: "check",
      group: "Callbacks",
      check: "1,000 concurrent duplicate deliveries of one finished task",
      outcome: `${answers.filter((status) => status === 200).length} answered 200 after ${confirming} confirming status call`,
    } satisfies ReliabilityRow;
    expect(answers.every((status) => status === 200)).toBe(true);
    expect(confirming).toBe(1);
  });

  it("a throttled confirming call (429, Retry-After 45 s) is answered within confirmTimeoutMs; the task stays waitable", async ({
    task,
  }) => {
    const { other, handle, body } = await submittedElsewhere({ confirmTimeoutMs: 1_000 });
    emulator.apixo.inject("status", { kind: "http", status: 429, retryAfter: "45" });
    const started = performance.now();
    const answer = await other
      .handleCallback(new Request(callbackUrl({ imagegen_token: SECRET }), { method: "POST", body }))
      .then(
        () => "confirmed",
        (error: Error) => error.name,
      );
    const answeredMs = Math.round(performance.now() - started);
    const result = await other.wait(handle, { timeoutMs: 10_000 });
    task.meta.reliability = {
      section: "check",
      group: "Callbacks",
      check: "the confirming status call answered 429 with `Retry-After: 45` (APIXO gives a receiver 30 s)",
      outcome: `handleCallback gave ${answer} within its deadline, under 30 s; a later wait returned ${result.status.state}`,
    } satisfies ReliabilityRow;
    expect(answer).toBe("TaskTimeoutError");
    expect(answeredMs).toBeLessThan(5_000);
    expect(result.status.state).toBe("succeeded");
  });
});
