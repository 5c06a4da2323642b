import {
  ContentPolicyError,
  ProviderError,
  RateLimitError,
  SubmitOutcomeUnknownError,
  TaskFailedError,
  TaskTimeoutError,
  ValidationError,
} from "@org/imagegen-core";
import { describe, expect, it } from "vitest";
import { describeError, mayRetry, rateLimitPause } from "./job-errors.js";

describe("which failures BullMQ may run again", () => {
  it("refuses every error after which a new run could pay twice or cannot succeed", () => {
    expect(mayRetry(new SubmitOutcomeUnknownError("maybe created"))).toBe(false);
    expect(mayRetry(new TaskFailedError("failed", { retryable: true, failCode: "UPSTREAM_ERROR" }))).toBe(
      false,
    );
    expect(mayRetry(new ContentPolicyError("refused"))).toBe(false);
    expect(mayRetry(new ValidationError("bad request"))).toBe(false);
  });

  it("allows what resumes from the handle or never reached the vendor", () => {
    expect(mayRetry(new TaskTimeoutError("slow", { handle: undefined }))).toBe(true);
    expect(mayRetry(new ProviderError("down", { reason: "server", retryable: true }))).toBe(true);
    expect(mayRetry(new Error("the image store was unreachable"))).toBe(true);
  });

  it("pauses the queue for a 429 by its Retry-After, else by the fallback", () => {
    expect(rateLimitPause(new RateLimitError("slow down", { retryAfterMs: 2_000 }), 10_000)).toBe(2_000);
    expect(rateLimitPause(new RateLimitError("slow down"), 10_000)).toBe(10_000);
    expect(rateLimitPause(new Error("other"), 10_000)).toBeUndefined();
  });

  it("describes any error by name and code for the job's record", () => {
    expect(describeError(new ContentPolicyError("refused"))).toEqual({
      name: "ContentPolicyError",
      code: "content_policy",
      message: "refused",
    });
    expect(describeError(new TypeError("oops"))).toEqual({
      name: "TypeError",
      code: undefined,
      message: "oops",
    });
    expect(describeError("a string")).toEqual({ name: "Error", code: undefined, message: "a string" });
  });
});
