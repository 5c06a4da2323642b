import { HttpResponse, http } from "msw";
import { describe, expect, it, vi } from "vitest";
import { ACME_BASE_URL } from "../test-support/acme-provider.js";
import { settle, setupClient, useMswServer } from "../test-support/harness.js";

const server = useMswServer();

describe("per-provider limits: queue instead of collecting 429s", () => {
  it("never has more tasks in flight than the concurrency limit, and finishes them all", async () => {
    const { client, events } = setupClient(server, { limits: { acme: { concurrentTasks: 2 } } });
    let inFlight = 0;
    let peak = 0;
    const watchFlight = (type: string, state?: string) => {
      if (type === "submitted") peak = Math.max(peak, ++inFlight);
      if (state === "succeeded" || state === "failed") inFlight--;
    };
    const results = Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        client.generate({
          prompt: `fox ${i}`,
          onEvent: (event) => watchFlight(event.type, event.type === "state" ? event.state : undefined),
        }),
      ),
    );
    await vi.runAllTimersAsync();
    expect(await results).toHaveLength(5);
    expect(peak).toBe(2);
    expect(events.filter((event) => event.type === "submitted")).toHaveLength(5);
  });

  it("frees the slot of a task the vendor refused to create", async () => {
    const { client } = setupClient(server, { limits: { acme: { concurrentTasks: 1 } } });
    server.use(
      http.post(
        `${ACME_BASE_URL}/tasks`,
        () => HttpResponse.json({ message: "bad request" }, { status: 400 }),
        {
          once: true,
        },
      ),
    );
    const failed = await settle(client.generate({ prompt: "a fox" }));
    expect(failed.error).toMatchObject({ name: "ValidationError" });
    const before = Date.now();
    const { value } = await settle(client.generate({ prompt: "a fox" }));
    expect(value?.status.state).toBe("succeeded");
    // Its 15 s task, not a lease of a minute or more: the refused submit's slot came back at once.
    expect(Date.now() - before).toBeLessThan(60_000);
  });

  it("frees the slot of a task that failed at the vendor", async () => {
    const { client } = setupClient(server, { limits: { acme: { concurrentTasks: 1 } } });
    await settle(client.generate({ prompt: "fail:BUSY" }));
    const { value } = await settle(client.generate({ prompt: "a fox" }));
    expect(value?.status.state).toBe("succeeded");
  });

  it("keeps every window of a minute under the request-rate limit", async () => {
    const { client, vendor } = setupClient(server, { limits: { acme: { requestsPerMinute: 4 } } });
    const started = Date.now();
    const sentAt: number[] = [];
    server.events.on("request:start", () => {
      sentAt.push(Date.now() - started);
    });
    const results = Promise.all(Array.from({ length: 3 }, (_, i) => client.generate({ prompt: `fox ${i}` })));
    await vi.runAllTimersAsync();
    expect(await results).toHaveLength(3);
    expect(vendor.calls.submit).toBe(3);
    for (const at of sentAt) {
      expect(sentAt.filter((t) => t >= at && t < at + 60_000).length).toBeLessThanOrEqual(4);
    }
  });

  for (const [limits, expected] of [
    [undefined, 50],
    [false, 60],
  ] as const) {
    it(`${limits === false ? "can switch off" : "applies"} the provider's documented limits (peak ${expected})`, async () => {
      const { client } = setupClient(server, limits === false ? { limits: { acme: false } } : {});
      let inFlight = 0;
      let peak = 0;
      const results = Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          client.generate({
            prompt: `fox ${i}`,
            onEvent: (event) => {
              if (event.type === "submitted") peak = Math.max(peak, ++inFlight);
              if (event.type === "state" && event.state === "succeeded") inFlight--;
            },
          }),
        ),
      );
      await vi.runAllTimersAsync();
      expect(await results).toHaveLength(60);
      expect(peak).toBe(expected);
    });
  }

  it("a deadline passed while waiting for a slot is a TaskTimeoutError with nothing submitted", async () => {
    const { client, vendor } = setupClient(server, {
      limits: { acme: { concurrentTasks: 1 } },
      durationMs: 60_000,
    });
    const first = settle(client.generate({ prompt: "slow" }));
    const second = await settle(client.generate({ prompt: "queued", timeoutMs: 5_000 }));
    expect(second.error).toMatchObject({ name: "TaskTimeoutError", handle: undefined });
    expect((second.error as Error).message).toContain("Waiting for a free task slot");
    await first;
    expect(vendor.calls.submit).toBe(1);
  });
});
