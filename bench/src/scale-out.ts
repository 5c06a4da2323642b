import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { createImageQueue } from "@org/imagegen-bullmq";
import { Redis } from "ioredis";
import { startEmulatorProcess } from "./emulator-process.js";
import { round } from "./stats.js";

export interface ScaleOutResult {
  workers: number;
  jobs: number;
  concurrencyPerWorker: number;
  timeScale: number;
  completed: number;
  wallMs: number;
  jobsPerSecond: number;
  /** Status calls per job, as the jobs' progress counted them. */
  statusCallsPerTask: number;
  /** Redis commands per job, from INFO commandstats before and after (queue, coordinator and workers). */
  redisCommandsPerTask: number;
}

const JOBS = 600;
const CONCURRENCY = 100;
const TIME_SCALE = 0.01;
const WORKER = fileURLToPath(new URL("./scale-out-worker.js", import.meta.url));

/**
 * Jobs per second through 1, 2 and 4 worker processes on one Redis, against the APIXO emulator in its own
 * process. Vendor quotas are off (the 10,000 requests/min budget would cap every row at the same rate): this
 * measures our machinery, Redis round trips included.
 */
export async function scaleOut(): Promise<ScaleOutResult[]> {
  const redis = await startRedis();
  const emulator = await startEmulatorProcess(TIME_SCALE, false);
  try {
    const results: ScaleOutResult[] = [];
    for (const workers of [1, 2, 4]) results.push(await run(redis.url, emulator, workers));
    return results;
  } finally {
    await emulator.stop();
    await redis.stop();
  }
}

async function run(redisUrl: string, emulator: { baseUrl: string; apiKey: string }, workers: number) {
  const id = `${workers}-${Date.now()}`;
  const admin = new Redis(redisUrl);
  const queue = createImageQueue({
    connection: new Redis(redisUrl, { maxRetriesPerRequest: null }),
    name: `bench-${id}`,
  });
  const config = {
    redisUrl,
    prefix: `bench-${id}`,
    queueName: `bench-${id}`,
    ...emulator,
    timeScale: TIME_SCALE,
    concurrency: CONCURRENCY,
    limits: { apixo: { requestsPerMinute: 1_000_000, concurrentTasks: 1_000 } },
  };
  const children = await Promise.all(Array.from({ length: workers }, () => startWorker(config)));
  const before = await commandCount(admin);
  const started = performance.now();
  const jobs = await queue.queue.addBulk(
    Array.from({ length: JOBS }, (_, i) => ({
      name: "image",
      data: { request: { prompt: `a lighthouse ${i}` } },
    })),
  );
  for (;;) {
    const counts = await queue.queue.getJobCounts("completed", "failed");
    if ((counts.completed ?? 0) + (counts.failed ?? 0) >= JOBS) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const wallMs = performance.now() - started;
  const commands = (await commandCount(admin)) - before;
  const finished = await Promise.all(jobs.map((job) => queue.queue.getJob(String(job.id))));
  const completed = finished.filter((job) => job?.finishedOn && !job.failedReason).length;
  const polls = finished.reduce(
    (sum, job) => sum + ((job?.progress as { polls?: number } | undefined)?.polls ?? 0),
    0,
  );
  await Promise.all(
    children.map(async (child) => {
      child.kill("SIGTERM");
      if (child.exitCode === null) await once(child, "exit");
    }),
  );
  await queue.close();
  await admin.quit();
  return {
    workers,
    jobs: JOBS,
    concurrencyPerWorker: CONCURRENCY,
    timeScale: TIME_SCALE,
    completed,
    wallMs: Math.round(wallMs),
    jobsPerSecond: round(JOBS / (wallMs / 1_000), 1),
    statusCallsPerTask: round(polls / JOBS, 2),
    redisCommandsPerTask: round(commands / JOBS, 1),
  };
}

/** Total commands Redis has run, from INFO commandstats (the INFO call itself included). */
async function commandCount(redis: Redis): Promise<number> {
  const info = await redis.info("commandstats");
  return [...info.matchAll(/calls=(\d+)/g)].reduce((sum, match) => sum + Number(match[1]), 0);
}

async function startWorker(config: object): Promise<ChildProcess> {
  const child = spawn(process.execPath, [WORKER, JSON.stringify(config)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => String(chunk).includes("ready") && resolve());
    child.once("exit", () => reject(new Error("a bench worker exited before it was ready")));
  });
  return child;
}

async function startRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  const probe = createServer().listen(0, "127.0.0.1");
  await once(probe, "listening");
  const port = (probe.address() as { port: number }).port;
  await new Promise((resolve) => probe.close(resolve));
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => String(chunk).includes("Ready to accept") && resolve());
    child.once("error", reject);
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      child.kill("SIGTERM");
      await once(child, "exit");
    },
  };
}
