import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { timingSafeEqual } from "../callbacks/secret.js";
import { type Clock, MAX_TIMER_MS, sleep, startTimer, systemClock } from "./clock.js";
import { abortable, createDeadline } from "./deadline.js";
import { withOverrides } from "./overrides.js";
import { readLimited } from "./read-limited.js";

describe("sleep and deadlines on the injectable clock", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("sleep resolves after the delay and leaves nothing behind", async () => {
    const done = vi.fn();
    void sleep(1_000, systemClock).then(done);
    await vi.advanceTimersByTimeAsync(999);
    expect(done).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("sleep rejects at once on abort, before or during", async () => {
    await expect(sleep(1_000, systemClock, AbortSignal.abort(new Error("before")))).rejects.toThrow("before");
    const controller = new AbortController();
    const sleeping = sleep(1_000, systemClock, controller.signal);
    controller.abort(new Error("during"));
    await expect(sleeping).rejects.toThrow("during");
    expect(vi.getTimerCount()).toBe(0);
  });

  it("a deadline aborts when time runs out and says so", async () => {
    const deadline = createDeadline(systemClock, 500);
    await vi.advanceTimersByTimeAsync(500);
    expect(deadline.signal.aborted).toBe(true);
    expect(deadline.expired()).toBe(true);
    expect((deadline.signal.reason as DOMException).name).toBe("TimeoutError");
  });

  it("a deadline follows its parent, and tells the two apart", () => {
    const parent = new AbortController();
    const deadline = createDeadline(systemClock, 500, parent.signal);
    parent.abort(new Error("parent"));
    expect(deadline.signal.reason).toEqual(new Error("parent"));
    expect(deadline.expired()).toBe(false);
    deadline.dispose();
    expect(createDeadline(systemClock, 500, parent.signal).signal.aborted).toBe(true);
  });

  it("an infinite deadline sets no timer", () => {
    const deadline = createDeadline(systemClock, Number.POSITIVE_INFINITY);
    expect(vi.getTimerCount()).toBe(0);
    deadline.dispose();
  });

  it("an infinite sleep never fires and is cancelled by its signal", async () => {
    const controller = new AbortController();
    const sleeping = sleep(Number.POSITIVE_INFINITY, systemClock, controller.signal);
    expect(vi.getTimerCount()).toBe(0);
    controller.abort(new Error("enough"));
    await expect(sleeping).rejects.toThrow("enough");
  });

  it("abortable settles on abort even if the work never does", async () => {
    const controller = new AbortController();
    const never = new Promise<never>(() => {});
    const guarded = abortable(never, controller.signal);
    controller.abort(new Error("stop"));
    await expect(guarded).rejects.toThrow("stop");
    await expect(
      abortable(Promise.reject(new Error("late")), AbortSignal.abort(new Error("now"))),
    ).rejects.toThrow("now");
    await expect(abortable(Promise.resolve(1), new AbortController().signal)).resolves.toBe(1);
  });
});

describe("timers longer than one setTimeout can wait (2^31 ms and more)", () => {
  const DAY = 24 * 60 * 60_000;
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("a 30-day deadline does not expire early, and expires on the day", async () => {
    // Fake timers, like Node, run a single timer of 2^31 ms or more after 1 ms.
    const deadline = createDeadline(systemClock, 30 * DAY);
    await vi.advanceTimersByTimeAsync(MAX_TIMER_MS + 1);
    expect(deadline.expired()).toBe(false);
    await vi.advanceTimersByTimeAsync(30 * DAY - MAX_TIMER_MS - 2);
    expect(deadline.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(deadline.expired()).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("disposing a long deadline clears whichever timer of the chain is pending", async () => {
    const deadline = createDeadline(systemClock, 3 * MAX_TIMER_MS);
    await vi.advanceTimersByTimeAsync(MAX_TIMER_MS + 5);
    expect(vi.getTimerCount()).toBe(1);
    deadline.dispose();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("a long sleep resolves on time", async () => {
    const done = vi.fn();
    void sleep(MAX_TIMER_MS + 10, systemClock).then(done);
    await vi.advanceTimersByTimeAsync(MAX_TIMER_MS + 9);
    expect(done).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toHaveBeenCalled();
  });

  it("never asks the clock for more than MAX_TIMER_MS, and counts down without reading its time", () => {
    const asked: number[] = [];
    const pending: (() => void)[] = [];
    // A clock whose time stands still: the chain must still end.
    const frozen: Clock = {
      now: () => 0,
      setTimeout: (callback, ms) => {
        asked.push(ms);
        pending.push(callback);
        return pending.length;
      },
      clearTimeout: () => {},
    };
    const fired = vi.fn();
    startTimer(frozen, 2.5 * MAX_TIMER_MS, fired);
    while (pending.length > 0) pending.shift()?.();
    expect(asked).toEqual([MAX_TIMER_MS, MAX_TIMER_MS, 0.5 * MAX_TIMER_MS]);
    expect(fired).toHaveBeenCalledTimes(1);
  });

  it("a negative or NaN wait fires at once rather than never", async () => {
    const fired = vi.fn();
    startTimer(systemClock, -5, fired);
    startTimer(systemClock, Number.NaN, fired);
    await vi.advanceTimersByTimeAsync(0);
    expect(fired).toHaveBeenCalledTimes(2);
  });
});

describe("reading a limited body", () => {
  const stream = (...chunks: number[]) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (const size of chunks) controller.enqueue(new Uint8Array(size).fill(size));
        controller.close();
      },
    });
  it("joins the chunks", async () => {
    expect(await readLimited(stream(1, 2), 10)).toEqual(new Uint8Array([1, 2, 2]));
  });
  it("stops past the limit", async () => {
    expect(await readLimited(stream(4, 4), 7)).toBeUndefined();
  });
  it("reads no body as empty", async () => {
    expect(await readLimited(null, 1)).toEqual(new Uint8Array(0));
  });
});

describe("timing-safe comparison", () => {
  it("is equality", () => {
    expect(timingSafeEqual("secret", "secret")).toBe(true);
    expect(timingSafeEqual("secret", "secreT")).toBe(false);
    expect(timingSafeEqual("secret", "secret-longer")).toBe(false);
    expect(timingSafeEqual("", "secret")).toBe(false);
    expect(timingSafeEqual("secret", "")).toBe(false);
    expect(timingSafeEqual("", "")).toBe(true);
    expect(timingSafeEqual("ünï", "ünï")).toBe(true);
  });
});

describe("settings", () => {
  it("layer over defaults, skipping undefined", () => {
    expect(withOverrides({ a: 1, b: 2, c: 3 }, { a: 10, b: undefined }, undefined, { c: 30 })).toEqual({
      a: 10,
      b: 2,
      c: 30,
    });
  });
});
