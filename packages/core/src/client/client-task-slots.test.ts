import { HttpResponse, http } from "msw";
import { describe, expect, it, vi } from "vitest";
import { createImageClient, inMemoryCoordinator } from "../index.js";
import { ACME_BASE_URL, acme } from "../test-support/acme-provider.js";
import { ACME_KEY } from "../test-support/acme-server.js";
import { settle, setupClient, useMswServer } from "../test-support/harness.js";

const server = useMswServer();
const oneSlot = { limits: { acme: { concurrentTasks: 1 } }, durationMs: 20_000 };

describe("task slots live as long as the vendor task", () => {
  it("a submit holds its slot until a wait sees the task end; the next submit queues meanwhile", async () => {
    const { client, vendor } = setupClient(server, oneSlot);
    const first = await client.submit({ prompt: "first" });
    const second = client.submit({ prompt: "second" });
    // Well past the task's end, within the slot's lease (a minute): only the end's observer frees the slot.
    await vi.advanceTimersByTimeAsync(50_000);
    expect(vendor.calls.submit).toBe(1);
    await settle(client.wait(first));
    await settle(second);
    expect(vendor.calls.submit).toBe(2);
  });

  it("a getStatus that sees the end frees the slot too", async () => {
    const { client, vendor } = setupClient(server, oneSlot);
    const first = await client.submit({ prompt: "first" });
    const second = client.submit({ prompt: "second" });
    await vi.advanceTimersByTimeAsync(5_000);
    expect((await client.getStatus(first)).state).toBe("queued");
    await vi.advanceTimersByTimeAsync(1);
    expect(vendor.calls.submit).toBe(1);
    await vi.advanceTimersByTimeAsync(20_000);
    expect((await client.getStatus(first)).state).toBe("succeeded");
    await settle(second);
    expect(vendor.calls.submit).toBe(2);
  });

  it("a generate that times out locally keeps its slot while the task may run on, until the lease ends", async () => {
    const { client, vendor } = setupClient(server, oneSlot);
    const timedOut = await settle(client.generate({ prompt: "slow", timeoutMs: 1_000 }));
    expect(timedOut.error).toMatchObject({ name: "TaskTimeoutError" });
    const next = client.submit({ prompt: "next", timeoutMs: 10 * 60_000 });
    // The lease: three times the model's longest typical latency (20 s here), a minute at least.
    await vi.advanceTimersByTimeAsync(60_000 - 1_500);
    expect(vendor.calls.submit).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    await settle(next);
    expect(vendor.calls.submit).toBe(2);
  });

  it("a submit whose outcome is unknown keeps its slot: a task may exist", async () => {
    const { client, vendor } = setupClient(server, oneSlot);
    server.use(
      http.post(`${ACME_BASE_URL}/tasks`, () => new HttpResponse("oops", { status: 502 }), { once: true }),
    );
    const unknown = await settle(client.submit({ prompt: "maybe" }));
    expect(unknown.error).toMatchObject({ name: "SubmitOutcomeUnknownError" });
    const next = client.submit({ prompt: "next" });
    // Well past the task's end, within the slot's lease (a minute): only the end's observer frees the slot.
    await vi.advanceTimersByTimeAsync(50_000);
    expect(vendor.calls.submit).toBe(1);
    await settle(next);
    expect(vendor.calls.submit).toBe(2);
  });

  it("two clients given the same coordinator share the vendor's cap", async () => {
    const { vendor } = setupClient(server, oneSlot);
    const coordinator = inMemoryCoordinator();
    const make = () =>
      createImageClient({
        providers: { acme: acme({ apiKey: ACME_KEY }) },
        defaultModel: "acme:fast",
        limits: { acme: { concurrentTasks: 1 } },
        coordinator,
      });
    const [a, b] = [make(), make()];
    const first = await a.submit({ prompt: "from a" });
    const second = b.submit({ prompt: "from b" });
    // Well past the task's end, within the slot's lease (a minute): only the end's observer frees the slot.
    await vi.advanceTimersByTimeAsync(50_000);
    expect(vendor.calls.submit).toBe(1);
    await settle(b.wait(first));
    await settle(second);
    expect(vendor.calls.submit).toBe(2);
  });

  it("clients with coordinators of their own each keep their own count", async () => {
    const { client: a, vendor } = setupClient(server, oneSlot);
    const { client: b } = setupClient(server, oneSlot);
    await a.submit({ prompt: "from a" });
    await b.submit({ prompt: "from b" });
    expect(vendor.calls.submit).toBe(2);
  });
});
