import { randomUUID } from "node:crypto";
import { type Coordinator, ValidationError } from "@org/imagegen-core";
import type { Redis } from "ioredis";
import { CallbackResults } from "./callback-results.js";
import { Keys } from "./keys.js";
import { RedisRequestBudget } from "./redis-request-budget.js";
import { RedisTaskSlots } from "./redis-task-slots.js";
import { Subscriber } from "./subscriber.js";

export interface RedisCoordinatorOptions {
  /** Your ioredis 5 client. The coordinator sends its commands on it and opens one more connection, to listen. */
  redis: Redis;
  /** Starts every key and channel, so several apps can share one Redis. Default `"imagegen"`. */
  prefix?: string | undefined;
}

/** A `Coordinator` whose state lives in Redis: `close()` ends the one connection it opened. */
export interface RedisCoordinator extends Coordinator {
  /** Closes the coordinator's subscriber connection; your client stays open (it is yours to close). */
  close(): Promise<void>;
}

/** Shares vendor limits, task slots and confirmed callback results among every process using the same Redis. */
export function redisCoordinator(options: RedisCoordinatorOptions): RedisCoordinator {
  const { redis, prefix = "imagegen" } = options ?? {};
  if (!redis || typeof redis.duplicate !== "function" || typeof redis.evalsha !== "function") {
    throw new ValidationError(
      "redisCoordinator needs an ioredis client: redisCoordinator({ redis: new Redis(url) }).",
    );
  }
  if (typeof prefix !== "string" || prefix === "" || /[{}]/.test(prefix)) {
    throw new ValidationError(
      "redisCoordinator's prefix must be a non-empty string without braces (they would change the keys' hash tag).",
      { issues: [{ path: "prefix", message: "must be a non-empty string without { or }" }] },
    );
  }
  const keys = new Keys(prefix);
  const subscriber = new Subscriber(redis);
  const budgets = new RedisRequestBudget(redis, keys, randomUUID());
  const slots = new RedisTaskSlots(redis, keys, subscriber);
  const results = new CallbackResults(redis, keys, subscriber);
  return {
    acquireRequest: (provider, budget, signal) => budgets.acquire(provider, budget, signal),
    acquireTaskSlot: (provider, request, signal) => slots.acquire(provider, request, signal),
    releaseTask: (task) => slots.release(task),
    publishResult: (task, status, ttlMs) => results.publish(task, status, ttlMs),
    readResult: (task) => results.read(task),
    watchResult: (task, listener) => results.watch(task, listener),
    close: () => subscriber.close(),
  };
}
