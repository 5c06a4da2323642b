import { HttpResponse, http } from "msw";
import { describe, expect, it, vi } from "vitest";
import { type ImageGenEvent, ProviderError, TaskTimeoutError } from "../index.js";
import { ACME_BASE_URL } from "../test-support/acme-provider.js";
import { settle, setupClient, useMswServer } from "../test-support/harness.js";

const server = useMswServer();

type RetryEvent = Extract<ImageGenEvent, { type: "retry" }>;
const retries = (events: ImageGenEvent[]) =>
  events.filter((event): event is RetryEvent => event.type === "retry");

/** Status calls answer 503 until `until` ms of virtual time after the test starts (forever without it). */
function outage(until = Number.POSITIVE_INFINITY) {
  const start = Date.now();
  server.use(
    http.get(`${ACME_BASE_URL}/tasks/:id`, () =>
      Date.now() - start < until ? new HttpResponse("unavailable", { status: 503 }) : undefined,
    ),
  );
}

// A task is paid for and running: a wait keeps polling through a vendor outage until its own deadline. With the
// harness's random 0.5, backoffs are 250, 500, 1000, 2000, then 4000 ms (half of the 8 s cap).
describe("a wait rides out a vendor outage", () => {
  it("a 6-second run of 503s inside a 40-second wait ends in the result, not ProviderError", async () => {
    const { client, vendor, events } = setupClient(server, { durationMs: 15_000, timeoutMs: 40_000 });
    const handle = await client.submit({ prompt: "a fox" });
    outage(16_000); // the first poll comes at 10 s
    const { value, error } = await settle(client.wait(handle));
    expect(error).toBeUndefined();
    expect(value?.status.state).toBe("succeeded");
    // Four attempts would have ended at 11.75 s; two more, at 13.75 and 17.75 s, get through.
    expect(vendor.calls.status).toBe(6);
    expect(retries(events).map(({ phase, attempt, delayMs }) => [phase, attempt, delayMs])).toEqual([
      ["status", 1, 250],
      ["status", 2, 500],
      ["status", 3, 1_000],
      ["status", 4, 2_000],
      ["status", 5, 4_000],
    ]);
    expect(vendor.calls.submit).toBe(1);
  });

  it("generate rides it out the same way", async () => {
    const { client, vendor } = setupClient(server, { durationMs: 15_000 });
    outage(30_000);
    const { value } = await settle(client.generate({ prompt: "a fox" }));
    expect(value?.status.state).toBe("succeeded");
    expect(vendor.calls.submit).toBe(1);
  });

  it("an outage that outlasts the wait ends at its deadline with TaskTimeoutError, at a capped pace", async () => {
    const { client, vendor, events } = setupClient(server, {
      durationMs: 15_000,
      timeoutMs: 40_000,
      retry: { maxDelayMs: 4_000 },
    });
    const handle = await client.submit({ prompt: "a fox" });
    outage();
    const started = Date.now();
    const outcome = client.wait(handle).catch((error: unknown) => ({ error, at: Date.now() }));
    await vi.advanceTimersByTimeAsync(40_000);
    const { error, at } = (await outcome) as { error: unknown; at: number };
    expect(TaskTimeoutError.isInstance(error)).toBe(true);
    expect((error as TaskTimeoutError).handle).toEqual(handle);
    expect(at - started).toBe(40_000);
    // At 10, 10.25, 10.75, 11.75 s, then every 2 s (half the 4 s cap) up to 39.75 s.
    expect(vendor.calls.status).toBe(18);
    expect(retries(events).every(({ delayMs }) => delayMs <= 4_000)).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("a plain getStatus keeps its bounded retry budget", async () => {
    const { client, vendor } = setupClient(server);
    const handle = await client.submit({ prompt: "a fox" });
    outage();
    const { error } = await settle(client.getStatus(handle));
    expect(ProviderError.isInstance(error) && error.reason).toBe("server");
    expect(vendor.calls.status).toBe(4);
  });

  it("an answer that will not change ends the wait at once: 404 for the task", async () => {
    const { client, vendor } = setupClient(server, { timeoutMs: 40_000 });
    const handle = await client.submit({ prompt: "a fox" });
    const { error } = await settle(client.wait({ ...handle, taskId: "task_404" }));
    expect(error).toMatchObject({ name: "ProviderError", statusCode: 404 });
    expect(vendor.calls.status).toBe(1);
  });

  it("unreadable answers between 503s still spend the retry budget", async () => {
    const { client, vendor } = setupClient(server, { timeoutMs: 600_000 });
    const handle = await client.submit({ prompt: "a fox" });
    let calls = 0;
    server.use(
      http.get(`${ACME_BASE_URL}/tasks/:id`, () =>
        calls++ % 2 === 0 ? new HttpResponse("unavailable", { status: 503 }) : HttpResponse.json({ odd: 1 }),
      ),
    );
    const { error } = await settle(client.wait(handle));
    expect(error).toMatchObject({ name: "ProviderError", reason: "malformed" });
    expect(vendor.calls.status).toBe(8);
  });
});
