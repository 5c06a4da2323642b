import type { TaskRef, TaskStatus } from "@org/imagegen-core";
import type { Redis } from "ioredis";
import type { Keys } from "./keys.js";
import type { Subscriber } from "./subscriber.js";

/**
 * Confirmed terminal statuses: a key with a TTL for waits that start later, and a message on a channel of the
 * same name for waits already running in any process. Both in one MULTI, so no watcher can read the key
 * missing and then miss the message.
 */
export class CallbackResults {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly subscriber: Subscriber,
  ) {}

  async publish(task: TaskRef, status: TaskStatus, ttlMs: number): Promise<void> {
    const key = this.keys.result(task);
    const body = JSON.stringify(status);
    const replies = await this.redis
      .multi()
      .set(key, body, "PX", Math.max(1, Math.ceil(ttlMs)))
      .publish(key, body)
      .exec();
    const failed = replies?.find(([error]) => error);
    if (failed?.[0]) throw failed[0];
  }

  async read(task: TaskRef): Promise<TaskStatus | undefined> {
    const body = await this.redis.get(this.keys.result(task));
    return body === null ? undefined : (JSON.parse(body) as TaskStatus);
  }

  watch(task: TaskRef, listener: (status: TaskStatus) => void): Promise<() => void> {
    return this.subscriber.listen(this.keys.result(task), (body) => listener(JSON.parse(body) as TaskStatus));
  }
}
