import { describeWithRedis } from "@org/imagegen-test-kit";
import { afterAll, beforeAll, expect, it } from "vitest";
import { freePort, until } from "./support/fixture-process.js";
import type { ScaleOutRow } from "./support/rows.js";
import { ScaleOutWorld } from "./support/scale-out-world.js";

const JOBS = 5;

describeWithRedis("callbacks across processes", (server) => {
  let world: ScaleOutWorld;
  beforeAll(async () => {
    world = await ScaleOutWorld.start(server().url, false, 0.1);
  });
  afterAll(async () => {
    await world.close();
  });

  it("a delivery that lands on process A wakes the worker in process B, which makes no status call", async ({
    task,
  }) => {
    const names = world.names();
    const port = await freePort();
    const callback = {
      url: `http://127.0.0.1:${port}/imagegen/callback`,
      secret: "a-callback-secret-of-32-characters",
    };
    const base = { ...world.base(names), callback };
    const webhook = world.fixture("webhook", { ...base, port });
    await webhook.message((m) => "listening" in m);
    // The worker's first poll comes after the whole wait below (an hour, scaled: 6 min), so a job can end only
    // by a delivery. Racing the delivery against the model's first poll (1.8 s, scaled) failed on busy cores,
    // where a confirmation (a status call, Redis round trips) can take longer than that.
    const worker = world.fixture("worker", {
      ...base,
      concurrency: JOBS,
      poll: { initialDelayMs: 3_600_000 },
    });
    await worker.message((m) => "ready" in m);
    const queue = world.queue(names.queueName);
    // Each task ends after 0.5 s (scaled), and its delivery wakes the job's worker in the other process.
    const ids = await Promise.all(
      Array.from(
        { length: JOBS },
        async (_, i) => (await queue.add({ request: { prompt: `a fox ${i} [emulator: duration=5000]` } })).id,
      ),
    );
    const counts = await until(async () => {
      const now = await queue.queue.getJobCounts("completed", "failed");
      return (now.completed ?? 0) + (now.failed ?? 0) === JOBS ? now : undefined;
    });
    const polls = await Promise.all(
      ids.map(
        async (id) => ((await queue.queue.getJob(id))?.progress as { polls: number } | undefined)?.polls,
      ),
    );
    // A job completes when the confirmation's publish wakes its worker, which can be before the webhook process
    // has answered that delivery: wait for its word that every delivery is answered and counted.
    const { confirmed } = await until(() => webhook.messages.find((m) => m.answered === JOBS));
    await webhook.stop();
    const stats = world.emulator.apixo.stats();
    task.meta.scaleOut = {
      group: "Callbacks across processes",
      check: `${JOBS} jobs in callback mode: deliveries to a webhook process, waits in a worker process`,
      outcome: `${counts.completed} completed; ${confirmed} deliveries confirmed by the webhook process with ${stats.statusCalls} status calls in all; worker polls: ${polls.join(", ")}`,
    } satisfies ScaleOutRow;
    expect(counts).toEqual({ completed: JOBS, failed: 0 });
    expect(polls).toEqual(Array(JOBS).fill(0));
    expect(confirmed).toBe(JOBS);
    // The only status calls are the webhook's confirmations: one per task.
    expect(stats.statusCalls).toBe(JOBS);
  });
});
