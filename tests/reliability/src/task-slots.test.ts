import { apixo } from "@org/imagegen-apixo";
import { createImageClient, type ImageClient } from "@org/imagegen-core";
import { APIXO_LIMITS, type RunningEmulator, startEmulator } from "@org/imagegen-testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ReliabilityRow } from "./support/rows.js";

// APIXO's quotas enforced by the emulator (1,000 unfinished tasks, 10,000 requests a minute), at five times
// the vendor's pace: a task runs 3–4 s, longer than a burst of 1,000 submits takes, so the cap really fills
// and each case collects 429s without task slots. A slot must be held as long as the vendor task runs,
// whoever submitted it; a slot nobody frees comes back when its lease ends (a minute of vendor time, 12 s here).
const TIME_SCALE = 0.2;
const CAP = APIXO_LIMITS.concurrentTasks;
const CHAINS = 1_200;

let running: RunningEmulator<"apixo">;
let client: ImageClient;

beforeEach(async () => {
  running = await startEmulator({
    vendors: ["apixo"],
    timeScale: TIME_SCALE,
    perVendor: { apixo: { limits: true } },
  });
  client = createImageClient({
    providers: { apixo: apixo(running.apixo.providerSettings) },
    defaultModel: "apixo:nano-banana",
    ...running.clientOptions, // polls at the emulator's pace
    timeoutMs: 60_000,
  });
});
afterEach(() => running.close());

const capped = (peak: number) => (peak <= CAP ? `never more than ${CAP}` : `MORE than ${CAP} (${peak})`);

function outcome(results: PromiseSettledResult<unknown>[]) {
  const stats = running.apixo.stats();
  const completed = results.filter((result) => result.status === "fulfilled").length;
  const failures = new Map<string, number>();
  for (const result of results) {
    if (result.status === "fulfilled") continue;
    const reason = String((result.reason as Error).message).slice(0, 160);
    failures.set(reason, (failures.get(reason) ?? 0) + 1);
  }
  // Why calls failed, for the test output when a case does not complete.
  if (failures.size > 0) console.log("task-slots failures:", [...failures]);

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
    expect(stats.peakActiveTasks).toBeLessThanOrEqual(CAP);
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
    expect(stats.peakActiveTasks).toBeLessThanOrEqual(CAP);
  }, 120_000);

  it("1,000 generate() calls that time out locally, then 200 more", async ({ task }) => {
    // Their callers give up after 2.5 s, once every submit is through, while the tasks (3–4 s) run on.
    const abandoned = await Promise.allSettled(
      Array.from({ length: 1_000 }, (_, i) =>
        client.generate({ prompt: `a lantern #${i}`, timeoutMs: 2_500 }),
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
    expect(stats.peakActiveTasks).toBeLessThanOrEqual(CAP);
  }, 120_000);
});
