import { randomUUID } from "node:crypto";
import { createImageQueue, type ImageQueue } from "@org/imagegen-bullmq";
import { type EmulatorLimits, type RunningEmulator, startEmulator } from "@org/imagegen-testing";
import { Redis } from "ioredis";
import { type FixtureProcess, startFixture } from "./fixture-process.js";

/** Emulated time runs 100× faster: nano-banana's 15–20 s take 150–200 ms. */
export const TIME_SCALE = 0.01;

/** The emulator, one Redis, and fresh names per use, so cases share nothing but the machinery. */
export class ScaleOutWorld {
  private readonly closers: (() => Promise<unknown>)[] = [];

  private constructor(
    readonly redisUrl: string,
    readonly emulator: RunningEmulator<"apixo">,
    readonly timeScale: number,
  ) {}

  static async start(
    redisUrl: string,
    limits: EmulatorLimits | false = false,
    timeScale = TIME_SCALE,
  ): Promise<ScaleOutWorld> {
    const emulator = await startEmulator({ vendors: ["apixo"], timeScale, perVendor: { apixo: { limits } } });
    const world = new ScaleOutWorld(redisUrl, emulator, timeScale);
    world.closers.push(() => emulator.close());
    return world;
  }

  /** What every fixture process needs, for a fresh queue and coordinator prefix. */
  names(): { prefix: string; queueName: string } {
    const id = randomUUID();
    return { prefix: `scale-${id}`, queueName: `jobs-${id}` };
  }

  base(names: { prefix: string }) {
    const { baseUrl, apiKey } = this.emulator.apixo;
    return { redisUrl: this.redisUrl, baseUrl, apiKey, timeScale: this.timeScale, ...names };
  }

  redis(): Redis {
    const redis = new Redis(this.redisUrl, { maxRetriesPerRequest: null });
    this.closers.push(() => redis.quit());
    return redis;
  }

  queue(name: string): ImageQueue {
    const queue = createImageQueue({ connection: this.redis(), name });
    this.closers.unshift(() => queue.close());
    return queue;
  }

  fixture(name: string, config: object): FixtureProcess {
    const process = startFixture(name, config);
    this.closers.unshift(() => process.kill());
    return process;
  }

  async close(): Promise<void> {
    for (const close of this.closers.splice(0)) await close();
  }
}
