import { type ImageGenEvent, ProviderError } from "@org/imagegen-core";
import { describe, expect, it } from "vitest";
import { FAST, loopbackClient, VENDORS } from "./support/loopback-client.js";
import { outcomeOf } from "./support/outcome.js";
import type { ReliabilityRow } from "./support/rows.js";
import { watchUnhandledRejections } from "./support/unhandled.js";

// A vendor outage in the middle of a long wait. The task is paid for and running: a `wait` keeps polling
// through 5xx answers until its own deadline, backing off no further than `retry.maxDelayMs`. A plain
// `getStatus` keeps its bounded retry budget, and an answer that will not change (401, 404) ends a wait at once.

const GROUP = "Outages during a wait";
/** Four times the retry budget of one status call (`retry.maxAttempts`, 4 by default). */
const OUTAGE = 16;

const unhandled = watchUnhandledRejections();

type RetryEvent = Extract<ImageGenEvent, { type: "retry" }>;

describe("a wait rides out a vendor outage", () => {
  for (const vendor of VENDORS) {
    it(`${vendor}: submit, then wait() through ${OUTAGE} consecutive 503s on the status call`, async ({
      task,
    }) => {
      const before = unhandled.count;
      const { emulator, client, clock, close } = await loopbackClient(vendor);
      const retries: RetryEvent[] = [];
      let outcome: string;
      try {
        const handle = await client.submit({ prompt: `a fox [emulator: status=503*${OUTAGE}]` });
        outcome = await client
          .wait(handle, { onEvent: (event) => event.type === "retry" && retries.push(event) })
          .then(
            (result) => `recovered: ${result.status.state}`,
            (error: unknown) => outcomeOf(error),
          );
      } finally {
        await close();
      }
      const { submits, tasksCreated, statusCalls } = emulator.stats();
      const capped = retries.every((retry) => retry.delayMs <= FAST.retry.maxDelayMs);
      task.meta.reliability = {
        section: "check",
        group: GROUP,
        check: `${vendor}: submit, then \`wait()\` through ${OUTAGE} consecutive 503s on the status call (4× the retry budget)`,
        outcome:
          `${outcome}; a retry event for each 503, ${capped ? "every" : "NOT every"} backoff within ` +
          `retry.maxDelayMs; ` +
          `${submits} submit, ${tasksCreated} task`,
      } satisfies ReliabilityRow;
      expect(outcome).toBe("recovered: succeeded");
      expect(retries.filter((retry) => retry.phase === "status")).toHaveLength(OUTAGE);
      expect(capped).toBe(true);
      expect(statusCalls).toBeGreaterThan(OUTAGE);
      expect([submits, tasksCreated]).toEqual([1, 1]);
      expect(clock.pending).toBe(0);
      expect(unhandled.count).toBe(before);
    });
  }

  it("getStatus() during the same outage keeps its bounded retry budget", async ({ task }) => {
    const { emulator, client, close } = await loopbackClient("apixo");
    let error: unknown;
    try {
      const handle = await client.submit({ prompt: `a fox [emulator: status=503*${OUTAGE}]` });
      error = await client.getStatus(handle).catch((thrown: unknown) => thrown);
    } finally {
      await close();
    }
    const { statusCalls } = emulator.stats();
    task.meta.reliability = {
      section: "check",
      group: GROUP,
      check: `apixo: \`getStatus()\` during the same ${OUTAGE} × 503`,
      outcome: `${outcomeOf(error)} after ${statusCalls} status calls (the retry budget)`,
    } satisfies ReliabilityRow;
    expect(ProviderError.isInstance(error) && error.reason).toBe("server");
    expect(statusCalls).toBe(4);
  });

  for (const [label, marker] of [
    ["401 (key refused)", "status=401"],
    ["404 (task unknown)", "status=404"],
  ] as const) {
    it(`a ${label} mid-wait ends the wait at once`, async ({ task }) => {
      const { emulator, client, clock, close } = await loopbackClient("apixo", { timeoutMs: 30_000 });
      let error: unknown;
      try {
        const handle = await client.submit({ prompt: `a fox [emulator: ${marker}]` });
        error = await client.wait(handle).catch((thrown: unknown) => thrown);
      } finally {
        await close();
      }
      const { statusCalls } = emulator.stats();
      task.meta.reliability = {
        section: "check",
        group: GROUP,
        check: `apixo: a ${label} answer to the first status call of a 30 s \`wait()\``,
        outcome: `${outcomeOf(error)} after ${statusCalls} status call, no retry`,
      } satisfies ReliabilityRow;
      expect(error).toBeDefined();
      expect(statusCalls).toBe(1);
      expect(clock.pending).toBe(0);
    });
  }
});
