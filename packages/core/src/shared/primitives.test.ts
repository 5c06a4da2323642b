import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { timingSafeEqual } from "../callbacks/secret.js";
import { sleep, systemClock } from "./clock.js";
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
