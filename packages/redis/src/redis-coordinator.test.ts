import { randomUUID } from "node:crypto";
import { ValidationError } from "@org/imagegen-core";
import { describeCoordinator, describeWithRedis } from "@org/imagegen-test-kit";
import { Redis } from "ioredis";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type RedisCoordinator, redisCoordinator } from "./redis-coordinator.js";

const never = new AbortController().signal;

describeWithRedis("redisCoordinator", (server) => {
  // Two participants as two processes would be: each with its own client and its own subscriber connection.
  describeCoordinator("redisCoordinator", () => {
    const prefix = `conformance-${randomUUID()}`;
    const clients = [new Redis(server().url), new Redis(server().url)];
    const [a, b] = clients.map((redis) => redisCoordinator({ redis, prefix })) as [
      RedisCoordinator,
      RedisCoordinator,
    ];
    return {
      a,
      b,
      async close() {
        await Promise.all([a.close(), b.close()]);
        await Promise.all(clients.map((redis) => redis.quit()));
      },
    };
  });

  describe("on Redis", () => {
    let redis: Redis;
    const opened: RedisCoordinator[] = [];
    const open = (prefix = `test-${randomUUID()}`) => {
      const coordinator = redisCoordinator({ redis, prefix });
      opened.push(coordinator);
      return coordinator;
    };
    beforeEach(() => {
      redis = new Redis(server().url);
    });
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((coordinator) => coordinator.close()));
      await redis.quit();
    });

    it("keeps apps with different prefixes apart", async () => {
      const one = open();
      const other = open();
      await one.acquireTaskSlot("apixo", { capacity: 1, leaseMs: 60_000 }, never);
      await expect(
        other.acquireTaskSlot("apixo", { capacity: 1, leaseMs: 60_000 }, never),
      ).resolves.toBeDefined();
    });

    it("leaves nothing behind once leases, windows and results have run out", async () => {
      const prefix = `expiry-${randomUUID()}`;
      const coordinator = open(prefix);
      await coordinator.acquireRequest("apixo", { requests: 10, windowMs: 100 }, never);
      const slot = await coordinator.acquireTaskSlot("apixo", { capacity: 5, leaseMs: 100 }, never);
      await slot.bind("task-1", 100);
      await coordinator.publishResult({ provider: "apixo", taskId: "task-1" }, doneStatus("task-1"), 100);
      expect(await redis.keys(`${prefix}:*`)).toHaveLength(4);
      await new Promise((resolve) => setTimeout(resolve, 250));
      expect(await redis.keys(`${prefix}:*`)).toEqual([]);
    });

    it("keeps provider and task ids that hold separators or braces apart", async () => {
      const coordinator = open();
      const slot = await coordinator.acquireTaskSlot("a:b", { capacity: 1, leaseMs: 60_000 }, never);
      await slot.bind("c", 60_000);
      await coordinator.releaseTask({ provider: "a", taskId: "b:c" });
      await coordinator.releaseTask({ provider: "a:b}{", taskId: "c" });
      const waiting = coordinator.acquireTaskSlot(
        "a:b",
        { capacity: 1, leaseMs: 60_000 },
        AbortSignal.timeout(150),
      );
      await expect(waiting).rejects.toThrow();
    });

    it("runs its scripts again after Redis forgot them (SCRIPT FLUSH, a restart)", async () => {
      const coordinator = open();
      await coordinator.acquireRequest("apixo", { requests: 5, windowMs: 1_000 }, never);
      await redis.script("FLUSH");
      await expect(
        coordinator.acquireRequest("apixo", { requests: 5, windowMs: 1_000 }, never),
      ).resolves.toBeUndefined();
    });

    it("lets a caller abort while its try is on the wire", async () => {
      const coordinator = open();
      const controller = new AbortController();
      const taking = coordinator.acquireRequest("apixo", { requests: 5, windowMs: 1_000 }, controller.signal);
      const reason = new Error("caller gave up");
      controller.abort(reason);
      await expect(taking).rejects.toBe(reason);
    });

    it("passes a Redis error to the waiting caller", async () => {
      const broken = new Redis(server().url);
      await broken.quit();
      const coordinator = redisCoordinator({ redis: broken });
      opened.push(coordinator);
      await expect(
        coordinator.acquireRequest("apixo", { requests: 1, windowMs: 100 }, never),
      ).rejects.toThrow(/Connection is closed/);
    });
  });
});

describe("redisCoordinator options", () => {
  it("refuses a missing client and a prefix that would break hash tags, with a ValidationError", () => {
    expect(() => redisCoordinator({} as never)).toThrow(ValidationError);
    const redis = new Redis({ lazyConnect: true });
    expect(() => redisCoordinator({ redis, prefix: "" })).toThrow(ValidationError);
    expect(() => redisCoordinator({ redis, prefix: "app{1}" })).toThrow(/braces/);
    redis.disconnect();
  });
});

function doneStatus(taskId: string) {
  return {
    taskId,
    state: "succeeded" as const,
    images: [{ url: "https://files.example/1.png" }],
    failure: undefined,
    createdAt: undefined,
    completedAt: undefined,
    durationMs: undefined,
    raw: {},
  };
}
