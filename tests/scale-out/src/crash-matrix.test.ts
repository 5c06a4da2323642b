import { apixo } from "@org/imagegen-apixo";
import type { ImageJobOutcome } from "@org/imagegen-bullmq";
import { createImageClient } from "@org/imagegen-core";
import { redisCoordinator } from "@org/imagegen-redis";
import { describeWithRedis } from "@org/imagegen-test-kit";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { until } from "./support/fixture-process.js";
import type { ScaleOutRow } from "./support/rows.js";
import { ScaleOutWorld } from "./support/scale-out-world.js";

// Short locks so a dead worker's job is handed over within about two seconds.
const WORKER = { lockDuration: 1_500, stalledInterval: 500 };

interface Case {
  prompt: string;
  download?: boolean;
  limits?: object;
  /** Resolves once worker A is where it must die. */
  killWhen(jobId: string): Promise<void>;
  /** Runs after A died and before B starts. */
  afterKill?(): Promise<void>;
}

describeWithRedis("crash matrix: a worker process killed with SIGKILL", (server) => {
  let world: ScaleOutWorld;
  beforeAll(async () => {
    world = await ScaleOutWorld.start(server().url);
  });
  afterAll(async () => {
    await world.close();
  });
  beforeEach(() => {
    world.emulator.apixo.reset();
  });
  const apixoEmulator = () => world.emulator.apixo;

  /** Worker A takes the job and is killed where the case says; worker B finishes what can be finished. */
  async function crash(names: { prefix: string; queueName: string }, spec: Case) {
    const config = {
      ...world.base(names),
      concurrency: 1,
      worker: WORKER,
      download: spec.download ?? false,
      limits: spec.limits,
    };
    const queue = world.queue(names.queueName);
    const a = world.fixture("worker", config);
    await a.message((m) => "ready" in m);
    const { id } = await queue.add({ request: { prompt: spec.prompt } });
    await spec.killWhen(id);
    await a.kill();
    const submitsWhenKilled = apixoEmulator().stats().submits;
    await spec.afterKill?.();
    const b = world.fixture("worker", config);
    const outcome = await until(async () => {
      const result = await queue.result(id);
      return result?.state === "pending" ? undefined : result;
    }, 60_000);
    await b.stop();
    const job = await queue.queue.getJob(id);
    return { outcome, submitsWhenKilled, job, stats: apixoEmulator().stats() };
  }

  const jobData = async (queue: ReturnType<ScaleOutWorld["queue"]>, id: string) =>
    (await queue.queue.getJob(id))?.data;
  const name = (outcome: ImageJobOutcome) =>
    outcome.state === "failed"
      ? outcome.error.name
      : outcome.state === "completed"
        ? "completed"
        : outcome.state;

  it("before submit, while waiting for a task slot: another worker runs the job, one submit", async ({
    task,
  }) => {
    const names = world.names();
    const limits = { apixo: { concurrentTasks: 1 } };
    // Another task holds the only slot, so worker A waits for it with the job taken.
    const redis = world.redis();
    const coordinator = redisCoordinator({ redis, prefix: names.prefix });
    const holder = createImageClient({
      providers: { apixo: apixo({ baseUrl: apixoEmulator().baseUrl, apiKey: apixoEmulator().apiKey }) },
      defaultModel: "apixo:nano-banana",
      // At real pace, so the holder's lease (two minutes) outlasts the case.
      coordinator,
      limits,
    });
    const blocker = await holder.submit({ prompt: "the task holding the slot [emulator: never]" });
    const queue = world.queue(names.queueName);
    const { outcome, submitsWhenKilled, stats } = await crash(names, {
      prompt: "a lighthouse",
      limits,
      killWhen: async (id) => {
        await until(async () =>
          ((await queue.queue.getJobCounts("active")).active ?? 0) > 0 ? true : undefined,
        );
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect((await jobData(queue, id))?.submittingSince).toBeUndefined();
      },
      afterKill: () => coordinator.releaseTask({ provider: "apixo", taskId: blocker.taskId }),
    });
    await coordinator.close();
    const jobSubmits = stats.submits - 1;
    task.meta.scaleOut = {
      group: "Crash matrix",
      check: "before submit (the job taken, waiting for a task slot)",
      outcome: `${name(outcome)}; ${submitsWhenKilled - 1} submits when killed, ${jobSubmits} in all`,
    } satisfies ScaleOutRow;
    expect(outcome.state).toBe("completed");
    expect(submitsWhenKilled - 1).toBe(0);
    expect(jobSubmits).toBe(1);
  });

  it("during submit (the vendor acted, its answer not yet back): SubmitOutcomeUnknownError, no second submit", async ({
    task,
  }) => {
    const names = world.names();
    const queue = world.queue(names.queueName);
    apixoEmulator().inject("submit", { kind: "slow", delayMs: 5_000, after: true });
    const { outcome, stats } = await crash(names, {
      prompt: "a lighthouse",
      killWhen: async (id) => {
        await until(async () => ((await jobData(queue, id))?.submittingSince ? true : undefined));
        await until(() => (apixoEmulator().tasks().length > 0 ? true : undefined));
      },
    });
    task.meta.scaleOut = {
      group: "Crash matrix",
      check: "during submit (the request sent, the answer not back): **the ambiguous window**",
      outcome: `${name(outcome)}; ${stats.submits} submit, ${stats.tasksCreated} task created, never resubmitted`,
    } satisfies ScaleOutRow;
    expect(outcome).toMatchObject({ state: "failed", error: { name: "SubmitOutcomeUnknownError" } });
    expect(stats).toMatchObject({ submits: 1, tasksCreated: 1 });
  });

  it("after submit, before the handle is saved: SubmitOutcomeUnknownError, no second submit", async ({
    task,
  }) => {
    const names = world.names();
    const admin = world.redis();
    // The vendor creates the task at once and answers 3 s later: time enough, on busy cores, to hold every
    // write before the answer can reach the worker, whatever the test process was doing when the submit came.
    const answerDelayMs = 3_000;
    apixoEmulator().inject("submit", { kind: "slow", delayMs: answerDelayMs, after: true });
    const { outcome, stats } = await crash(names, {
      prompt: "a lighthouse",
      killWhen: async () => {
        await until(() => (apixoEmulator().tasks().length > 0 ? true : undefined));
        // Hold every write so the handle cannot be saved, let the submit's answer arrive, then kill.
        await admin.call("CLIENT", "PAUSE", "15000", "WRITE");
        await new Promise((resolve) => setTimeout(resolve, answerDelayMs + 500));
      },
      afterKill: async () => {
        await admin.call("CLIENT", "UNPAUSE");
      },
    });
    task.meta.scaleOut = {
      group: "Crash matrix",
      check: "after the submit answered, before the handle was saved",
      outcome: `${name(outcome)}; ${stats.submits} submit, ${stats.tasksCreated} task created, never resubmitted`,
    } satisfies ScaleOutRow;
    expect(outcome).toMatchObject({ state: "failed", error: { name: "SubmitOutcomeUnknownError" } });
    expect(stats).toMatchObject({ submits: 1, tasksCreated: 1 });
  });

  it("while waiting: another worker resumes the saved handle, one submit", async ({ task }) => {
    const names = world.names();
    const queue = world.queue(names.queueName);
    const { outcome, stats, job } = await crash(names, {
      prompt: "a lighthouse [emulator: duration=150000]",
      killWhen: async (id) => {
        await until(async () => ((await jobData(queue, id))?.handle ? true : undefined));
      },
    });
    task.meta.scaleOut = {
      group: "Crash matrix",
      check: "while waiting (handle saved, task running)",
      outcome: `${name(outcome)} by the second worker (taken over ${job?.stalledCounter} time); ${stats.submits} submit, ${stats.tasksCreated} task`,
    } satisfies ScaleOutRow;
    expect(outcome.state).toBe("completed");
    expect(outcome.state === "completed" && outcome.result.handle.taskId).toBe(
      apixoEmulator().tasks()[0]?.id,
    );
    expect(job?.stalledCounter).toBe(1);
    expect(stats).toMatchObject({ submits: 1, tasksCreated: 1 });
  });

  it("during the result download: another worker resumes, downloads again, one submit", async ({ task }) => {
    const names = world.names();
    const queue = world.queue(names.queueName);
    const { outcome, stats } = await crash(names, {
      prompt: "a lighthouse [emulator: image=slow:2000]",
      download: true,
      killWhen: async (id) => {
        await until(async () => {
          const progress = (await queue.queue.getJob(id))?.progress as { state?: string } | undefined;
          return progress?.state === "succeeded" ? true : undefined;
        });
        await new Promise((resolve) => setTimeout(resolve, 300));
      },
    });
    task.meta.scaleOut = {
      group: "Crash matrix",
      check: "during the result download (`storeImage`)",
      outcome: `${name(outcome)} by the second worker; ${stats.submits} submit, ${stats.tasksCreated} task`,
    } satisfies ScaleOutRow;
    expect(outcome.state).toBe("completed");
    expect(stats).toMatchObject({ submits: 1, tasksCreated: 1 });
  });
});
