import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  AuthenticationError,
  ProviderError,
  RateLimitError,
  SubmitOutcomeUnknownError,
  ValidationError,
} from "../errors/errors.js";
import { systemClock } from "../shared/clock.js";
import { createDeadline } from "../shared/deadline.js";
import { type CallWithRetryOptions, callWithRetry, type RetryNotice } from "./call-with-retry.js";
import { DEFAULT_RETRY_OPTIONS } from "./retry-policy.js";

const serverError = () => new ProviderError("boom", { reason: "server", retryable: true, statusCode: 502 });

function options(
  overrides: Partial<CallWithRetryOptions> = {},
): CallWithRetryOptions & { notices: RetryNotice[] } {
  const notices: RetryNotice[] = [];
  return {
    phase: "status",
    provider: "acme",
    retry: { ...DEFAULT_RETRY_OPTIONS, maxAttempts: 3, baseDelayMs: 1_000 },
    requestTimeoutMs: 5_000,
    clock: systemClock,
    random: () => 1,
    signal: new AbortController().signal,
    onRetry: (notice) => notices.push(notice),
    notices,
    ...overrides,
  };
}

/** An operation that fails with the given errors in turn, then returns "ok". */
function failing(...errors: unknown[]) {
  const op = vi.fn(async (_signal: AbortSignal) => {
    const next = errors.shift();
    if (next !== undefined) throw next;
    return "ok";
  });
  return op;
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("status calls", () => {
  it("recover after transient failures, backing off exponentially", async () => {
    const op = failing(serverError(), new RateLimitError("slow"));
    const opts = options();
    const result = callWithRetry(op, opts);
    await vi.advanceTimersByTimeAsync(999);
    expect(op).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(op).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(2_000);
    await expect(result).resolves.toBe("ok");
    expect(opts.notices.map(({ attempt, delayMs }) => [attempt, delayMs])).toEqual([
      [1, 1_000],
      [2, 2_000],
    ]);
  });

  it("wait at least as long as Retry-After says", async () => {
    const op = failing(new RateLimitError("slow", { retryAfterMs: 7_000 }));
    const result = callWithRetry(op, options());
    await vi.advanceTimersByTimeAsync(6_999);
    expect(op).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(result).resolves.toBe("ok");
  });

  it("give up after maxAttempts with the last error", async () => {
    const last = serverError();
    const op = failing(serverError(), serverError(), last);
    const result = callWithRetry(op, options());
    const settled = expect(result).rejects.toBe(last);
    await vi.runAllTimersAsync();
    await settled;
    expect(op).toHaveBeenCalledTimes(3);
  });

  it("do not retry what cannot succeed", async () => {
    const error = new ValidationError("bad");
    const op = failing(error);
    await expect(callWithRetry(op, options())).rejects.toBe(error);
    expect(op).toHaveBeenCalledTimes(1);
  });

  it("give each attempt its own request timeout and retry it", async () => {
    let calls = 0;
    const op = vi.fn(
      (signal: AbortSignal) =>
        new Promise<string>((resolve, reject) => {
          if (++calls > 1) resolve("ok");
          signal.addEventListener("abort", () => reject(signal.reason));
        }),
    );
    const opts = options();
    const result = callWithRetry(op, opts);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(opts.notices[0]?.error).toMatchObject({ reason: "timeout" });
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(result).resolves.toBe("ok");
    expect(vi.getTimerCount()).toBe(0);
  });

  it("stop at once when aborted during a backoff, with the abort reason", async () => {
    const controller = new AbortController();
    const op = failing(serverError());
    const result = callWithRetry(op, options({ signal: controller.signal }));
    const settled = expect(result).rejects.toThrow("user gave up");
    await vi.advanceTimersByTimeAsync(10);
    controller.abort(new Error("user gave up"));
    await settled;
    expect(op).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("rethrow the abort reason when aborted mid-request", async () => {
    const controller = new AbortController();
    const op = vi.fn(
      (signal: AbortSignal) =>
        new Promise<string>((_, reject) =>
          signal.addEventListener("abort", () => reject(new Error("socket closed"))),
        ),
    );
    const result = callWithRetry(op, options({ signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(10);
    expect(op).toHaveBeenCalledTimes(1);
    controller.abort(new Error("stop"));
    await expect(result).rejects.toThrow("stop");
  });

  it("wait for beforeAttempt (the request budget) before every attempt", async () => {
    const gate = vi.fn(async () => {});
    const result = callWithRetry(failing(serverError()), options({ beforeAttempt: gate }));
    await vi.runAllTimersAsync();
    await expect(result).resolves.toBe("ok");
    expect(gate).toHaveBeenCalledTimes(2);
  });
});

describe("status calls of a wait ride out an outage (rideOutOutages)", () => {
  const outage = (count: number) => Array.from({ length: count }, serverError);
  const malformed = () => new ProviderError("cut short", { reason: "malformed", retryable: true });

  it("keep retrying 5xx past maxAttempts, the backoff capped at maxDelayMs", async () => {
    const op = failing(...outage(8), new RateLimitError("slow"));
    const opts = options({ rideOutOutages: true, retry: { ...options().retry, maxDelayMs: 4_000 } });
    const result = callWithRetry(op, opts);
    await vi.runAllTimersAsync();
    await expect(result).resolves.toBe("ok");
    expect(op).toHaveBeenCalledTimes(10);
    expect(opts.notices.map(({ delayMs }) => delayMs)).toEqual([
      1_000, 2_000, 4_000, 4_000, 4_000, 4_000, 4_000, 4_000, 4_000,
    ]);
    expect(opts.notices.map(({ attempt }) => attempt)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("end only when the signal (the wait's deadline) aborts, with its reason", async () => {
    const op = failing(...outage(1_000));
    const deadline = createDeadline(systemClock, 60_000);
    const result = callWithRetry(op, options({ rideOutOutages: true, signal: deadline.signal }));
    const settled = expect(result).rejects.toMatchObject({ name: "TimeoutError" });
    await vi.advanceTimersByTimeAsync(60_000);
    await settled;
    // At 0, 1, 3 and 7 s, then every 8 s (the default cap) up to 55 s: a long outage costs few calls.
    expect(op).toHaveBeenCalledTimes(10);
  });

  it("still spend the attempt budget on answers that are not an outage, even between 5xx", async () => {
    const last = malformed();
    const op = failing(serverError(), malformed(), serverError(), malformed(), serverError(), last);
    const result = callWithRetry(op, options({ rideOutOutages: true }));
    const settled = expect(result).rejects.toBe(last);
    await vi.runAllTimersAsync();
    await settled;
    expect(op).toHaveBeenCalledTimes(6);
  });

  it("still end at once on what cannot succeed", async () => {
    const refused = new AuthenticationError("revoked");
    const op = failing(...outage(5), refused);
    const result = callWithRetry(op, options({ rideOutOutages: true }));
    const settled = expect(result).rejects.toBe(refused);
    await vi.runAllTimersAsync();
    await settled;
    expect(op).toHaveBeenCalledTimes(6);
  });
});

describe("submit calls", () => {
  it("retry a 429: the vendor created nothing", async () => {
    const op = failing(new RateLimitError("slow"));
    const result = callWithRetry(op, options({ phase: "submit" }));
    await vi.runAllTimersAsync();
    await expect(result).resolves.toBe("ok");
    expect(op).toHaveBeenCalledTimes(2);
  });

  it("retry a connection that was refused before anything was sent", async () => {
    const refused = new TypeError("fetch failed", {
      cause: Object.assign(new Error(), { code: "ECONNREFUSED" }),
    });
    const op = failing(refused);
    const result = callWithRetry(op, options({ phase: "submit" }));
    await vi.runAllTimersAsync();
    await expect(result).resolves.toBe("ok");
  });

  for (const [name, thrown] of [
    ["a 5xx", serverError()],
    [
      "a reset after send",
      new TypeError("fetch failed", { cause: Object.assign(new Error(), { code: "ECONNRESET" }) }),
    ],
    ["an unreadable answer", new ProviderError("junk", { reason: "malformed", retryable: true })],
  ] as const) {
    it(`raise SubmitOutcomeUnknownError after ${name}, without a second submit`, async () => {
      const op = failing(thrown);
      const error = await callWithRetry(op, options({ phase: "submit" })).catch((e: unknown) => e);
      expect(SubmitOutcomeUnknownError.isInstance(error)).toBe(true);
      expect((error as Error).message).toMatch(/check the vendor's task history/);
      expect(op).toHaveBeenCalledTimes(1);
    });
  }

  it("raise SubmitOutcomeUnknownError when cancelled while the request is in flight", async () => {
    const controller = new AbortController();
    const op = vi.fn(
      (signal: AbortSignal) =>
        new Promise<string>((_, reject) => signal.addEventListener("abort", () => reject(signal.reason))),
    );
    const result = callWithRetry(op, options({ phase: "submit", signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(10);
    controller.abort(new Error("Ctrl-C"));
    const error = await result.catch((e: unknown) => e);
    expect(SubmitOutcomeUnknownError.isInstance(error)).toBe(true);
    expect((error as Error).cause).toEqual(new Error("Ctrl-C"));
  });

  it("send nothing when cancelled before the request starts", async () => {
    const controller = new AbortController();
    const op = vi.fn(async () => "ok");
    const gate = async () => {
      controller.abort(new Error("early"));
    };
    await expect(
      callWithRetry(op, options({ phase: "submit", signal: controller.signal, beforeAttempt: gate })),
    ).rejects.toThrow("early");
    expect(op).not.toHaveBeenCalled();
  });

  it("raise SubmitOutcomeUnknownError when the request timed out", async () => {
    const op = vi.fn(
      (signal: AbortSignal) =>
        new Promise<string>((_, reject) => signal.addEventListener("abort", () => reject(signal.reason))),
    );
    const result = callWithRetry(op, options({ phase: "submit" }));
    const settled = expect(result).rejects.toBeInstanceOf(SubmitOutcomeUnknownError);
    await vi.advanceTimersByTimeAsync(5_000);
    await settled;
    expect(op).toHaveBeenCalledTimes(1);
  });
});
