import { delay, http } from "msw";
import { describe, expect, it, vi } from "vitest";
import { type CallOptions, type TaskHandle, ValidationError } from "../index.js";
import { ACME_BASE_URL } from "../test-support/acme-provider.js";
import { settle, setupClient, useMswServer } from "../test-support/harness.js";

const server = useMswServer();
const DAY = 24 * 60 * 60_000;

// Node, browsers and fake timers alike run a single timer of 2^31 ms (24.8 days) or more after 1 ms.
describe("long deadlines are kept, not overflowed", () => {
  it("a 30-day timeoutMs, for the client or the call, waits for the task", async () => {
    for (const options of [{ client: { timeoutMs: 30 * DAY } }, { call: { timeoutMs: 30 * DAY } }]) {
      const { client, vendor } = setupClient(server, { durationMs: 15_000, ...options.client });
      const { value, error } = await settle(client.generate({ prompt: "a fox", ...options.call }));
      expect(error).toBeUndefined();
      expect(value?.status.state).toBe("succeeded");
      expect(vendor.calls.status).toBeGreaterThan(0);
      server.resetHandlers();
    }
  });

  it("a requestTimeoutMs of 2^31 ms does not abort every call", async () => {
    const { client } = setupClient(server, { durationMs: 15_000, requestTimeoutMs: 2 ** 31 });
    // Every answer takes 100 ms, so an overflowed request timeout (1 ms) would abort each one.
    server.use(
      http.all(`${ACME_BASE_URL}/*`, async () => {
        await delay(100);
      }),
    );
    const { value } = await settle(client.generate({ prompt: "a fox" }));
    expect(value?.status.state).toBe("succeeded");
  });

  it("a 30-day deadline leaves no timer behind once the task is done", async () => {
    const { client } = setupClient(server, { durationMs: 15_000 });
    const handle = await client.submit({ prompt: "a fox" });
    const waiting = client.wait(handle, { timeoutMs: 30 * DAY });
    await vi.advanceTimersByTimeAsync(20_000);
    await expect(waiting).resolves.toMatchObject({ status: { state: "succeeded" } });
    expect(vi.getTimerCount()).toBe(0);
  });

  it("Infinity means no deadline", async () => {
    const { client } = setupClient(server, { durationMs: 15_000, timeoutMs: Number.POSITIVE_INFINITY });
    const { value } = await settle(client.generate({ prompt: "a fox" }));
    expect(value?.status.state).toBe("succeeded");
  });
});

describe("invalid time values in a call are refused before anything is sent", () => {
  const invalid: [string, CallOptions][] = [
    ["timeoutMs NaN (would mean no deadline at all)", { timeoutMs: Number.NaN }],
    ["timeoutMs 0", { timeoutMs: 0 }],
    ["timeoutMs negative", { timeoutMs: -1 }],
    ["poll.intervalMs 0 (hundreds of calls a second)", { poll: { intervalMs: 0 } }],
    ["poll.intervalMs NaN", { poll: { intervalMs: Number.NaN } }],
    ["poll.timeScale 0", { poll: { timeScale: 0 } }],
  ];
  for (const [label, call] of invalid) {
    it(label, async () => {
      const { client, vendor } = setupClient(server);
      const handle: TaskHandle = {
        provider: "acme",
        model: "fast",
        taskId: "task_1",
        submittedAt: new Date().toISOString(),
      };
      const outcomes = await Promise.all([
        settle(client.generate({ prompt: "a fox", ...call })),
        settle(client.submit({ prompt: "a fox", ...call })),
        settle(client.wait(handle, call)),
        settle(client.getStatus(handle, call)),
      ]);
      for (const { error } of outcomes) {
        expect(ValidationError.isInstance(error), String(error)).toBe(true);
        expect((error as ValidationError).message).toMatch(/^Invalid call options: .+ Nothing was sent\.$/);
      }
      expect(vendor.requests).toHaveLength(0);
    });
  }

  it("a callback confirmation's timeoutMs", async () => {
    const { client, vendor } = setupClient(server, {
      callback: { url: "https://app.example.test/hook", secret: "0123456789abcdef" },
    });
    const delivery = new Request("https://app.example.test/hook", { method: "POST", body: "{}" });
    const { error } = await settle(client.handleCallback(delivery, { timeoutMs: Number.NaN }));
    expect((error as ValidationError).issues).toEqual([
      { path: "timeoutMs", message: "must be a number of ms greater than 0 (or Infinity for no deadline)" },
    ]);
    expect(vendor.requests).toHaveLength(0);
  });

  it("names every problem", async () => {
    const { client } = setupClient(server);
    const { error } = await settle(
      client.generate({ prompt: "a fox", timeoutMs: Number.NaN, poll: { jitter: -1 } }),
    );
    expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual([
      "timeoutMs",
      "poll.jitter",
    ]);
  });
});

describe("clock skew", () => {
  it("a handle submitted 'in the future' (another machine's clock 1 h ahead) is polled as just submitted", async () => {
    const { client, vendor } = setupClient(server, { durationMs: 15_000, timeoutMs: 60_000 });
    const handle = await client.submit({ prompt: "a fox" });
    const ahead = { ...handle, submittedAt: new Date(Date.now() + 60 * 60_000).toISOString() };
    const started = Date.now();
    const { value } = await settle(client.wait(ahead));
    expect(value?.status.state).toBe("succeeded");
    // The model's schedule from now: first poll at 10 s (still running), then 13 s, then 16 s.
    expect(vendor.calls.status).toBe(3);
    expect(Date.now() - started).toBe(16_000);
  });
});
