import { describe, expect, it } from "vitest";
import { LEARN_AFTER } from "../poll/poll-plan.js";
import { settle, setupClient, useMswServer } from "../test-support/harness.js";

const server = useMswServer();

// Acme's fast model documents 10–20 s and advises a first poll at 10 s, then every 3 s.
async function pollsOfNextTask(
  client: ReturnType<typeof setupClient>["client"],
  events: { type: string; at: number }[],
) {
  const start = Date.now();
  const seen = events.length;
  await settle(client.generate({ prompt: "a fox" }));
  return events
    .slice(seen)
    .filter((event) => event.type === "poll")
    .map((event) => event.at - start);
}

async function runTasks(client: ReturnType<typeof setupClient>["client"], count: number) {
  for (let i = 0; i < count; i++) await settle(client.generate({ prompt: "a fox" }));
}

describe("a poll schedule learned from the tasks seen to end", () => {
  it(`keeps the documented schedule for the first ${LEARN_AFTER} tasks of a kind`, async () => {
    const { client, events } = setupClient(server, { durationMs: 30_000 });
    expect(await pollsOfNextTask(client, events)).toEqual([
      10_000, 13_000, 16_000, 19_000, 22_000, 25_000, 28_000, 31_000,
    ]);
    await runTasks(client, LEARN_AFTER - 2);
    expect(await pollsOfNextTask(client, events)).toHaveLength(8);
  });

  it("then follows a vendor slower than its docs: tasks of 30 s are polled once, just after they end", async () => {
    const { client, events } = setupClient(server, { durationMs: 30_000 });
    await runTasks(client, LEARN_AFTER);
    const polls = await pollsOfNextTask(client, events);
    expect(polls).toHaveLength(1);
    expect(polls[0]).toBeGreaterThanOrEqual(30_000);
    expect(polls[0]).toBeLessThanOrEqual(33_000);
  });

  it("and one faster than its docs, when the vendor says how long each task took", async () => {
    const { client, events, vendor } = setupClient(server, { durationMs: 5_000, reportsDuration: true });
    await runTasks(client, LEARN_AFTER);
    const before = vendor.calls.status;
    const polls = await pollsOfNextTask(client, events);
    expect(polls).toEqual([5_000 + 2_700]);
    expect(vendor.calls.status - before).toBe(1);
  });

  it("learns nothing when the client sets its own first poll", async () => {
    const { client, events } = setupClient(server, {
      durationMs: 30_000,
      poll: { initialDelayMs: 10_000, jitter: 0 },
    });
    await runTasks(client, LEARN_AFTER);
    expect(await pollsOfNextTask(client, events)).toHaveLength(8);
  });

  it("learns per model and resolution: another kind starts from its docs", async () => {
    const { client, events } = setupClient(server, { durationMs: 30_000 });
    await runTasks(client, LEARN_AFTER);
    const start = Date.now();
    const seen = events.length;
    await settle(client.generate({ model: "acme:large", prompt: "a fox", resolution: "2K" }));
    const first = events.slice(seen).find((event) => event.type === "poll");
    // Its own docs (2K: 30–45 s, no advice): one interval after the low end.
    expect((first?.at ?? 0) - start).toBe(33_000);
  });
});
