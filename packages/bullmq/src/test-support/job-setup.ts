import { randomUUID } from "node:crypto";
import { apixo } from "@org/imagegen-apixo";
import { createImageClient, type ImageClient, type ImageClientOptions } from "@org/imagegen-core";
import { redisCoordinator } from "@org/imagegen-redis";
import { type RunningEmulator, startEmulator } from "@org/imagegen-testing";
import { type Job, QueueEvents } from "bullmq";
import { Redis } from "ioredis";
import { createImageQueue, type ImageQueue } from "../image-queue.js";
import { createImageWorker, type ImageWorker, type ImageWorkerOptions } from "../image-worker.js";

export const TIME_SCALE = 0.01;

/** One queue, its workers and a client on a fresh queue name, against the loopback emulator. */
export class JobSetup {
  readonly name = `jobs-${randomUUID()}`;
  readonly queue: ImageQueue;
  readonly events: QueueEvents;
  private readonly closers: (() => Promise<unknown>)[] = [];

  private constructor(
    readonly redisUrl: string,
    readonly emulator: RunningEmulator<"apixo">,
  ) {
    this.queue = createImageQueue({ connection: this.connection(), name: this.name });
    this.events = new QueueEvents(this.name, { connection: this.connection() });
    this.closers.push(
      () => this.queue.close(),
      () => this.events.close(),
    );
  }

  static async start(redisUrl: string): Promise<JobSetup> {
    const emulator = await startEmulator({ vendors: ["apixo"], timeScale: TIME_SCALE });
    const setup = new JobSetup(redisUrl, emulator);
    setup.closers.push(() => emulator.close());
    await setup.events.waitUntilReady();
    return setup;
  }

  connection(): Redis {
    const redis = new Redis(this.redisUrl, { maxRetriesPerRequest: null });
    this.closers.push(() => redis.quit());
    return redis;
  }

  client(options: Partial<ImageClientOptions> = {}): ImageClient {
    const coordinator = redisCoordinator({ redis: this.connection(), prefix: this.name });
    this.closers.push(() => coordinator.close());
    return createImageClient({
      providers: {
        apixo: apixo({ baseUrl: this.emulator.apixo.baseUrl, apiKey: this.emulator.apixo.apiKey }),
      },
      defaultModel: "apixo:nano-banana",
      poll: { timeScale: TIME_SCALE },
      coordinator,
      ...options,
    });
  }

  worker(options: Partial<ImageWorkerOptions> = {}): ImageWorker {
    const worker = createImageWorker({
      client: this.client(),
      connection: this.connection(),
      queueName: this.name,
      ...options,
    });
    this.closers.unshift(() => worker.close());
    return worker;
  }

  /** Resolves when the job completes or fails for good. */
  async finished(id: string): Promise<void> {
    const job = await this.queue.queue.getJob(id);
    await (job as Job).waitUntilFinished(this.events).catch(() => {});
  }

  async close(): Promise<void> {
    for (const close of this.closers.splice(0)) await close();
  }
}
