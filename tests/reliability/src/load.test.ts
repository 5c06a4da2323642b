import { apixo } from "@org/imagegen-apixo";
import { createImageClient } from "@org/imagegen-core";
import { startEmulator } from "@org/imagegen-testing";
import { describe, expect, it } from "vitest";
import type { ReliabilityRow } from "./support/rows.js";

const TASKS = 1_000;

describe("load", () => {
  it("1,000 concurrent generates under APIXO's quotas: every task completes, no 429, none lost", async ({
    task,
  }) => {
    // The vendor's quotas enforced (10,000 requests/min, 1,000 concurrent tasks), at ten times its pace, so all of them are in flight at once.
    const running = await startEmulator({
      vendors: ["apixo"],
      timeScale: 0.1,
      perVendor: { apixo: { limits: true } },
    });
    const emulator = running.apixo;
    const client = createImageClient({
      providers: { apixo: apixo(emulator.providerSettings) },
      ...running.clientOptions, // the vendor's schedule at the emulator's pace
    });
    let peakRss = process.memoryUsage.rss();
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
    }, 25);
    const started = performance.now();
    const outcomes = await Promise.allSettled(
      Array.from({ length: TASKS }, (_, i) =>
        client.generate({ model: "apixo:nano-banana", prompt: `a lantern #${i}` }),
      ),
    );
    const wallMs = Math.round(performance.now() - started);
    clearInterval(sampler);
    await running.close();
    const completed = outcomes.filter((outcome) => outcome.status === "fulfilled").length;
    const stats = emulator.stats();
    // Timing goes to the test output only; the document records outcomes.
    console.log(
      `load: ${completed}/${TASKS} completed in ${wallMs} ms, peak RSS ${Math.round(peakRss / 2 ** 20)} MB, ` +
        `${stats.rateLimited} × 429, ${stats.submits} submits, ${stats.statusCalls} status calls, ` +
        `peak ${stats.peakActiveTasks} tasks in flight`,
    );
    task.meta.reliability = {
      section: "check",
      group: "Load",
      check: "1,000 concurrent `generate` calls, APIXO's quotas enforced by the emulator",
      outcome: `${completed} completed, ${TASKS - completed} lost, ${stats.rateLimited} × 429, ${stats.submits} submits, ${stats.peakActiveTasks <= 1_000 ? "never more than 1,000" : "MORE than 1,000"} tasks in flight`,
    } satisfies ReliabilityRow;
    expect(completed).toBe(TASKS);
    expect(stats.rateLimited).toBe(0);
    expect(stats.submits).toBe(TASKS);
    expect(stats.peakActiveTasks).toBeLessThanOrEqual(1_000);
  }, 120_000);
});
