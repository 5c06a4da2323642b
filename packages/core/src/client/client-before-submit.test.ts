import { describe, expect, it, vi } from "vitest";
import { SubmitOutcomeUnknownError } from "../errors/errors.js";
import { settle, setupClient, useMswServer } from "../test-support/harness.js";

const server = useMswServer();
const oneSlot = { limits: { acme: { concurrentTasks: 1 } }, durationMs: 20_000 };

describe("beforeSubmit: the caller's last step before a submit is sent", () => {
  it("is awaited once a task slot is held, before the submit request", async () => {
    const { client, vendor } = setupClient(server, oneSlot);
    const first = await client.submit({ prompt: "first" });
    const submitsSeenByHook: number[] = [];
    const second = client.submit({
      prompt: "second",
      beforeSubmit: async () => {
        submitsSeenByHook.push(vendor.calls.submit);
      },
    });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(submitsSeenByHook).toEqual([]); // the first task holds the only slot
    await settle(client.wait(first));
    await settle(second);
    expect(submitsSeenByHook).toEqual([1]);
    expect(vendor.calls.submit).toBe(2);
  });

  it("sends nothing and gives the slot back when it throws", async () => {
    const { client, vendor } = setupClient(server, oneSlot);
    const refused = new Error("could not record the submit");
    const outcome = await settle(client.submit({ prompt: "x", beforeSubmit: () => Promise.reject(refused) }));
    expect(outcome.error).toBe(refused);
    expect(vendor.calls.submit).toBe(0);
    await settle(client.submit({ prompt: "next" }));
    expect(vendor.calls.submit).toBe(1);
  });

  it("gives the slot back whatever it throws, since nothing was sent, and ends the task's lifecycle", async () => {
    const { client, vendor, events } = setupClient(server, oneSlot);
    const refused = new SubmitOutcomeUnknownError("the caller's own words", { provider: "acme" });
    const outcome = await settle(client.submit({ prompt: "x", beforeSubmit: () => Promise.reject(refused) }));
    expect(outcome.error).toBe(refused);
    const states = events.flatMap((event) =>
      event.type === "state" ? [`${event.previous}→${event.state}`] : [],
    );
    expect(states).toEqual(["submitting→failed"]);
    const before = Date.now();
    const next = await settle(client.submit({ prompt: "next" }));
    expect(next.value?.taskId).toBeDefined();
    expect(vendor.calls.submit).toBe(1);
    // Virtual time runs every timer, a lease's end too: the slot came back at once, not when its lease ran out.
    expect(Date.now() - before).toBeLessThan(60_000);
  });
});
