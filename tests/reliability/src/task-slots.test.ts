import { apixo } from "@org/imagegen-apixo";
import { createImageClient, type ImageClient } from "@org/imagegen-core";
import { type RunningEmulator, startEmulator } from "@org/imagegen-testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ReliabilityRow } from "./support/rows.js";

// APIXO's quotas enforced by the emulator (1,000 unfinished tasks, 10,000 requests a minute), at twenty times
// the vendor's pace. A task slot must be held for as long as the vendor task runs, whichever call started it.
const TIME_SCALE = 0.05;
const CHAINS = 1_200;

let running: RunningEmulator<"apixo">;
let client: ImageClient;

beforeEach(async () => {
  running = await startEmulator({ vendors: ["apixo"], timeScale: TIME_SCALE, apixo: { limits: true } });
  client = createImageClient({
    providers: { apixo: apixo({ baseUrl: running.apixo.baseUrl, apiKey: running.apixo.apiKey }) },
    defaultModel: "apixo:nano-banana",
    poll: { timeScale: TIME_SCALE },
    timeoutMs: 60_000,
  });
});
afterEach(() => running.close());

const capped = (peak: number) => (peak <= 1_000 ? "never more than 1,000" : `MORE than 1,000 (${peak})`);

function outcome(results: PromiseSettledResult<unknown>[]) {
  const stats = running.apixo.stats();
  const completed = results.filter((result) => result.status === "fulfilled").length;

  return {
    completed,
    stats,
    // Outcomes only, so the document is the same from run to run.
    text: `${completed} of ${results.length} completed, ${stats.rateLimited} × 429, ${stats.submits} submits, ${capped(stats.peakActiveTasks)} unfinished tasks`,
  };
}

describe("task slots live as long as the vendor task", () => {
  it("1,200 concurrent submit() → wait() chains on one client", async ({ task }) => {
    const results = await Promise.allSettled(
      Array.from({ length: CHAINS }, async (_, i) =>
        client.wait(await client.submit({ prompt: `a lantern #${i}` })),
      ),
    );
    const { completed, stats, text } = outcome(results);
    task.meta.reliability = {
      section: "check",
      group: "Load",
      check: `${CHAINS} concurrent \`submit()\` → \`wait()\` chains, APIXO's quotas on`,
      outcome: text,
    } satisfies ReliabilityRow;
    expect(stats.rateLimited).toBe(0);
    expect(completed).toBe(CHAINS);
    expect(stats.submits).toBe(CHAINS);
    expect(stats.peakActiveTasks).toBeLessThanOrEqual(1_000);
  }, 120_000);

  it("1,200 submits first, then a wait for each", async ({ task }) => {
    const handles = await Promise.allSettled(
      Array.from({ length: CHAINS }, (_, i) => client.submit({ prompt: `a lantern #${i}` })),
    );
    const results = await Promise.allSettled(
      handles.map((handle) =>
        handle.status === "fulfilled" ? client.wait(handle.value) : Promise.reject(handle.reason),
      ),
    );
    const { completed, stats, text } = outcome(results);
    task.meta.reliability = {
      section: "check",
      group: "Load",
      check: `${CHAINS} submits, then a \`wait()\` for each (submits past the cap queue until leases free slots)`,
      outcome: text,
    } satisfies ReliabilityRow;
    expect(stats.rateLimited).toBe(0);
    expect(completed).toBe(CHAINS);
    expect(stats.peakActiveTasks).toBeLessThanOrEqual(1_000);
  }, 120_000);

  it("1,000 generate() calls that time out locally, then 200 more", async ({ task }) => {
    // The first thousand run for a minute of the vendor's time; their callers give up after half a second.
    const abandoned = await Promise.allSettled(
      Array.from({ length: 1_000 }, (_, i) =>
        client.generate({ prompt: `a slow lantern #${i} [emulator: duration=60000]`, timeoutMs: 500 }),
      ),
    );
    const timedOut = abandoned.filter((result) => result.status === "rejected").length;
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) => client.generate({ prompt: `a lantern #${i}` })),
    );
    const { completed, stats } = outcome(results);
    task.meta.reliability = {
      section: "check",
      group: "Load",
      check: "1,000 `generate()` calls that time out locally while their tasks run on, then 200 more",
      outcome: `${timedOut} timed out; then ${completed} of 200 completed, ${stats.rateLimited} × 429, ${capped(stats.peakActiveTasks)} unfinished tasks`,
    } satisfies ReliabilityRow;
    expect(timedOut).toBe(1_000);
    expect(stats.rateLimited).toBe(0);
    expect(completed).toBe(200);
    expect(stats.peakActiveTasks).toBeLessThanOrEqual(1_000);
  }, 120_000);
});
