import { describeWithRedis } from "@org/imagegen-test-kit";
import { APIXO_LIMITS } from "@org/imagegen-testing";
import { afterEach, beforeEach, expect, it } from "vitest";
import { until } from "./support/fixture-process.js";
import type { ScaleOutRow } from "./support/rows.js";
import { ScaleOutWorld } from "./support/scale-out-world.js";

const PROCESSES = 3;
const PER_PROCESS = 500;
const TOTAL = PROCESSES * PER_PROCESS;
// APIXO's request quota as documented (enforced by the emulator), and its task cap lowered from 1,000 to 100 on
// the emulator and in the clients alike: at 100× pace these processes keep only about 200 tasks in flight, so a
// cap of 1,000 would never fill and its check could not fail; 100 fills at once and stays full.
const LIMITS = { requestsPerMinute: APIXO_LIMITS.requestsPerMinute, concurrentTasks: 100 };
const CLIENT_LIMITS = { apixo: { ...LIMITS } };

describeWithRedis("vendor limits shared by every process through Redis", (server) => {
  let world: ScaleOutWorld;
  beforeEach(async () => {
    // A fresh emulator per case: its quotas count real time, so each case starts with a full minute's budget.
    world = await ScaleOutWorld.start(server().url, LIMITS);
  });
  afterEach(async () => {
    await world.close();
  });

  /** Samples how many task slots are held in Redis, to show the cap was reached, not merely respected. */
  function sampleHeldSlots(prefix: string) {
    const redis = world.redis();
    let peak = 0;
    const timer = setInterval(async () => {
      peak = Math.max(peak, await redis.zcard(`${prefix}:{apixo}:slots`));
    }, 25);
    return () => {
      clearInterval(timer);
      return peak;
    };
  }

  // Outcomes only, so the document is the same from run to run; peaks and timings go to the test output.
  const summary = (lost: number, heldSlots: number, started: number) => {
    const stats = world.emulator.apixo.stats();
    const requests = world.emulator.apixo.requests.length;
    const seconds = ((Date.now() - started) / 1_000).toFixed(1);
    const cap = LIMITS.concurrentTasks;
    console.log(
      `shared limits: peak ${stats.peakActiveTasks} unfinished tasks, ${heldSlots} slots held, ${requests} requests in ${seconds} s`,
    );
    const within = (peak: number) => (peak <= cap ? `never more than ${cap}` : `MORE than ${cap} (${peak})`);
    return {
      stats,
      outcome:
        `${TOTAL - lost} of ${TOTAL} done, ${lost} lost, ${stats.rateLimited} × 429; ${within(stats.peakActiveTasks)} ` +
        `unfinished tasks at the vendor, ${within(heldSlots)} slots held, the cap ${heldSlots === cap ? "reached" : "not reached"}; ` +
        `${stats.submits} submits (budget ${LIMITS.requestsPerMinute.toLocaleString("en")} requests per sliding minute)`,
    };
  };

  it(`${PROCESSES} worker processes × ${PER_PROCESS} jobs: no 429, nothing lost, never over the task cap`, async ({
    task,
  }) => {
    const names = world.names();
    const queue = world.queue(names.queueName);
    await queue.queue.addBulk(
      Array.from({ length: TOTAL }, (_, i) => ({
        name: "image",
        data: { request: { prompt: `a lighthouse, take ${i}` } },
      })),
    );
    const started = Date.now();
    const heldSlots = sampleHeldSlots(names.prefix);
    const workers = Array.from({ length: PROCESSES }, () =>
      world.fixture("worker", { ...world.base(names), concurrency: PER_PROCESS, limits: CLIENT_LIMITS }),
    );
    const counts = await until(async () => {
      const now = await queue.queue.getJobCounts("completed", "failed");
      return (now.completed ?? 0) + (now.failed ?? 0) === TOTAL ? now : undefined;
    }, 100_000);
    await Promise.all(workers.map((worker) => worker.stop()));
    const peakHeld = heldSlots();
    const { stats, outcome } = summary(TOTAL - (counts.completed ?? 0), peakHeld, started);
    task.meta.scaleOut = {
      group: "Shared limits",
      check: `${PROCESSES} BullMQ worker processes, ${TOTAL} jobs`,
      outcome,
    } satisfies ScaleOutRow;
    expect(counts).toEqual({ completed: TOTAL, failed: 0 });
    expect(stats.rateLimited).toBe(0);
    expect(stats.peakActiveTasks).toBeLessThanOrEqual(LIMITS.concurrentTasks);
    // More work than the cap at once: every slot was taken, so the shared slots, not luck, kept the peak under it.
    expect(peakHeld).toBe(LIMITS.concurrentTasks);
    expect(stats.submits).toBe(TOTAL);
  });

  it(`${PROCESSES} plain client processes × ${PER_PROCESS} generate calls on one Redis coordinator: the same`, async ({
    task,
  }) => {
    const names = world.names();
    const started = Date.now();
    const heldSlots = sampleHeldSlots(names.prefix);
    const clients = Array.from({ length: PROCESSES }, () =>
      world.fixture("clients", { ...world.base(names), count: PER_PROCESS, limits: CLIENT_LIMITS }),
    );
    const reports = await Promise.all(clients.map((client) => client.message((m) => "completed" in m)));
    const completed = reports.reduce((sum, report) => sum + (report.completed as number), 0);
    const peakHeld = heldSlots();
    const { stats, outcome } = summary(TOTAL - completed, peakHeld, started);
    task.meta.scaleOut = {
      group: "Shared limits",
      check: `${PROCESSES} plain client processes, ${TOTAL} \`generate\` calls`,
      outcome,
    } satisfies ScaleOutRow;
    expect([...new Set(reports.flatMap((report) => report.errors as string[]))]).toEqual([]);
    expect(completed).toBe(TOTAL);
    expect(stats.rateLimited).toBe(0);
    expect(stats.peakActiveTasks).toBeLessThanOrEqual(LIMITS.concurrentTasks);
    expect(peakHeld).toBe(LIMITS.concurrentTasks);
    expect(stats.submits).toBe(TOTAL);
  });
});
