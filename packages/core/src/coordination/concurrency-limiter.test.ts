import { describe, expect, it } from "vitest";
import { ConcurrencyLimiter } from "./concurrency-limiter.js";

describe("concurrency limiter", () => {
  it("admits up to the limit and hands each freed slot to the next in line", async () => {
    const limiter = new ConcurrencyLimiter(2);
    const first = await limiter.acquire();
    await limiter.acquire();
    const order: number[] = [];
    const queued = (n: number) =>
      limiter.acquire().then((release) => {
        order.push(n);
        return release;
      });
    const third = queued(3);
    const fourth = queued(4);
    await Promise.resolve();
    expect(order).toEqual([]);
    expect(limiter.running).toBe(2);
    first();
    (await third)();
    await fourth;
    expect(order).toEqual([3, 4]);
    expect(limiter.running).toBe(2);
  });

  it("ignores a second release of the same slot", async () => {
    const limiter = new ConcurrencyLimiter(1);
    const release = await limiter.acquire();
    release();
    release();
    expect(limiter.running).toBe(0);
    await limiter.acquire();
    expect(limiter.running).toBe(1);
  });

  it("drops an aborted waiter without losing the slot", async () => {
    const limiter = new ConcurrencyLimiter(1);
    const release = await limiter.acquire();
    const controller = new AbortController();
    const aborted = limiter.acquire(controller.signal);
    const next = limiter.acquire();
    controller.abort(new Error("gone"));
    await expect(aborted).rejects.toThrow("gone");
    release();
    await expect(next).resolves.toBeTypeOf("function");
    expect(limiter.running).toBe(1);
  });

  it("rejects at once on an already aborted signal", async () => {
    await expect(new ConcurrencyLimiter(1).acquire(AbortSignal.abort(new Error("early")))).rejects.toThrow(
      "early",
    );
  });
});
