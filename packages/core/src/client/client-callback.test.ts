import { describe, expect, it, vi } from "vitest";
import { AuthenticationError, type TaskHandle, ValidationError } from "../index.js";
import { setupClient, useMswServer } from "../test-support/harness.js";

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
