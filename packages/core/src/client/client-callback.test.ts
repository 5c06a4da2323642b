import { HttpResponse, http } from "msw";
import { describe, expect, it, vi } from "vitest";
import { AuthenticationError, type TaskHandle, ValidationError } from "../index.js";
import { ACME_BASE_URL } from "../test-support/acme-provider.js";
import { settle, setupClient, useMswServer } from "../test-support/harness.js";

const server = useMswServer();
const callback = {
  url: "https://app.example.test/hooks/imagegen?team=7",
  secret: "s3cret-callback-token-0123456789",
};

/** What the vendor would POST to the callback URL it was given. */
function delivery(url: string, body: unknown, init: RequestInit = {}) {
  return new Request(url, { method: "POST", body: JSON.stringify(body), ...init });
}

async function submitted(options: Parameters<typeof setupClient>[1] = {}) {
  const setup = setupClient(server, { callback, ...options });
  const handle = await setup.client.submit({ prompt: "a fox" });
  const url = String(setup.vendor.tasks.get(handle.taskId)?.body.callback);
  return { ...setup, handle, url };
}

describe("callback mode", () => {
  it("gives the vendor a URL that names the task's model and carries our secret", async () => {
    const { url } = await submitted();
    const params = new URL(url).searchParams;
    expect(url.startsWith("https://app.example.test/hooks/imagegen?")).toBe(true);
    expect(params.get("team")).toBe("7");
    expect(params.get("imagegen_provider")).toBe("acme");
    expect(params.get("imagegen_model")).toBe("fast");
    expect(params.get("imagegen_token")).toBe(callback.secret);
  });

  it("confirms a genuine delivery with exactly one status call, trusting the vendor's answer over the body", async () => {
    const { client, vendor, handle, url } = await submitted();
    await vi.advanceTimersByTimeAsync(20_000);
    const claimed = {
      id: handle.taskId,
      status: "error",
      error: { code: "FORGED", message: "body says failed" },
    };
    const status = await client.handleCallback(delivery(url, claimed));
    expect(status).toMatchObject({ taskId: handle.taskId, state: "succeeded" });
    expect(vendor.calls.status).toBe(1);
  });

  it("ends a waiting generate early instead of at the next poll", async () => {
    const { client, vendor, events } = setupClient(server, {
      callback,
      durationMs: 11_000,
      poll: { jitter: 0 },
    });
    const result = client.generate({ prompt: "a fox", poll: { initialDelayMs: 30_000 } });
    await vi.advanceTimersByTimeAsync(12_000);
    const handle = events.find((event) => event.type === "submitted")?.handle as TaskHandle;
    const url = String(vendor.tasks.get(handle.taskId)?.body.callback);
    await client.handleCallback(delivery(url, { id: handle.taskId, status: "done" }));
    await expect(result).resolves.toMatchObject({ status: { state: "succeeded" } });
    expect(vendor.calls.status).toBe(1);
  });

  it("treats duplicate deliveries idempotently", async () => {
    const { client, handle, url } = await submitted();
    await vi.advanceTimersByTimeAsync(20_000);
    const first = await client.handleCallback(delivery(url, { id: handle.taskId, status: "done" }));
    const second = await client.handleCallback(delivery(url, { id: handle.taskId, status: "done" }));
    expect(second.state).toBe(first.state);
    expect(second.images).toEqual(first.images);
  });

  it("does not wake a waiter with a non-final confirmed state", async () => {
    const { client, vendor, events } = setupClient(server, {
      callback,
      durationMs: 15_000,
      poll: { jitter: 0 },
    });
    const result = client.generate({ prompt: "a fox" });
    await vi.advanceTimersByTimeAsync(1_000);
    const handle = events.find((event) => event.type === "submitted")?.handle as TaskHandle;
    const url = String(vendor.tasks.get(handle.taskId)?.body.callback);
    const status = await client.handleCallback(delivery(url, { id: handle.taskId, status: "done" }));
    expect(status.state).toBe("queued");
    await vi.runAllTimersAsync();
    await expect(result).resolves.toMatchObject({ status: { state: "succeeded" } });
  });

  it("keeps a confirmed result: a wait that starts after the delivery returns at once, with no poll", async () => {
    const { client, vendor, handle, url } = await submitted();
    await vi.advanceTimersByTimeAsync(20_000);
    await client.handleCallback(delivery(url, { id: handle.taskId, status: "done" }));
    const started = Date.now();
    const result = await client.wait(handle);
    expect(result.status.state).toBe("succeeded");
    expect(Date.now() - started).toBe(0);
    expect(vendor.calls.status).toBe(1);
  });

  it("keeps it for a waiter that timed out and comes back later, within resultTtlMs", async () => {
    const { client, vendor, handle, url } = await submitted({
      callback: { ...callback, resultTtlMs: 60_000 },
    });
    const early = await settle(client.wait(handle, { timeoutMs: 1_000 }));
    expect(early.error).toMatchObject({ name: "TaskTimeoutError" });
    await vi.advanceTimersByTimeAsync(20_000);
    await client.handleCallback(delivery(url, { id: handle.taskId, status: "done" }));
    const polls = vendor.calls.status;
    await expect(client.wait(handle)).resolves.toMatchObject({ status: { state: "succeeded" } });
    expect(vendor.calls.status).toBe(polls);
    await vi.advanceTimersByTimeAsync(60_000);
    await settle(client.wait(handle));
    expect(vendor.calls.status).toBeGreaterThan(polls);
  });

  it("1,000 duplicate deliveries share one confirming status call", async () => {
    const { client, vendor, handle, url } = await submitted();
    await vi.advanceTimersByTimeAsync(20_000);
    const statuses = await Promise.all(
      Array.from({ length: 1_000 }, () =>
        client.handleCallback(delivery(url, { id: handle.taskId, status: "done" })),
      ),
    );
    expect(new Set(statuses.map((status) => status.state))).toEqual(new Set(["succeeded"]));
    expect(vendor.calls.status).toBe(1);
  });

  it("answers within confirmTimeoutMs when the confirming call is throttled; the task stays waitable", async () => {
    const { client, vendor, handle, url } = await submitted();
    await vi.advanceTimersByTimeAsync(20_000);
    server.use(
      http.get(
        `${ACME_BASE_URL}/tasks/:id`,
        () => HttpResponse.json({ message: "slow down" }, { status: 429, headers: { "retry-after": "45" } }),
        { once: true },
      ),
    );
    const started = Date.now();
    const answered = await settle(
      client.handleCallback(delivery(url, { id: handle.taskId, status: "done" })),
    );
    expect(answered.error).toMatchObject({ name: "TaskTimeoutError" });
    expect(Date.now() - started).toBe(25_000);
    const { value } = await settle(client.wait(handle));
    expect(value?.status.state).toBe("succeeded");
    expect(vendor.calls.status).toBeGreaterThanOrEqual(2);
  });

  describe("forged deliveries are rejected without touching any task", () => {
    const forged: [string, (url: string, taskId: string) => Request, string][] = [
      [
        "a wrong secret",
        (url, id) => delivery(url.replace(/imagegen_token=[^&]+/, "imagegen_token=guess"), { id }),
        "AuthenticationError",
      ],
      [
        "no secret",
        (url, id) => delivery(url.replace(/&?imagegen_token=[^&]+/, ""), { id }),
        "AuthenticationError",
      ],
      [
        "an oversized body",
        (url, id) => delivery(url, { id, status: "done", pad: "x".repeat(300_000) }),
        "ValidationError",
      ],
      [
        "a body that is not JSON",
        (url) => new Request(url, { method: "POST", body: "<xml/>" }),
        "ValidationError",
      ],
      [
        "no model in the URL",
        (url, id) => delivery(url.replace(/&?imagegen_model=[^&]+/, ""), { id, status: "done" }),
        "ValidationError",
      ],
      [
        "a task id that is a URL dot segment",
        (url) => delivery(url, { id: "..", status: "done" }),
        "ValidationError",
      ],
      [
        "a model that is a URL dot segment",
        (url, id) =>
          delivery(url.replace("imagegen_model=fast", "imagegen_model=.."), { id, status: "done" }),
        "ValidationError",
      ],
      [
        "an unknown provider",
        (url, id) => delivery(url.replace("imagegen_provider=acme", "imagegen_provider=evil"), { id }),
        "ValidationError",
      ],
    ];
    for (const [name, build, errorName] of forged) {
      it(name, async () => {
        const { client, vendor, handle, url } = await submitted();
        const error = await client.handleCallback(build(url, handle.taskId)).catch((e: unknown) => e);
        expect(error).toMatchObject({ name: errorName });
        expect(vendor.calls.status).toBe(0);
      });
    }

    it("a delivery about another task confirms that task only, which the vendor does not know", async () => {
      const { client, vendor, url } = await submitted();
      const error = await client
        .handleCallback(delivery(url, { id: "task_999", status: "done" }))
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ name: "ProviderError", statusCode: 404 });
      expect(vendor.calls.status).toBe(1);
    });
  });

  it("is off unless configured", async () => {
    const { client } = setupClient(server);
    const error = await client
      .handleCallback(delivery("https://app.example.test/hook", {}))
      .catch((e: unknown) => e);
    expect(ValidationError.isInstance(error)).toBe(true);
    expect(AuthenticationError.isInstance(error)).toBe(false);
  });
});
