import { describe, expect, it } from "vitest";
import {
  AuthenticationError,
  ContentPolicyError,
  type ImageGenError,
  InsufficientBalanceError,
  ProviderError,
  type ProviderErrorReason,
  RateLimitError,
  ValidationError,
} from "../errors/errors.js";
import {
  backoffDelay,
  checkRetryOptions,
  DEFAULT_RETRY_OPTIONS,
  decideRetry,
  isOutage,
} from "./retry-policy.js";

const provider = (reason: ProviderErrorReason, retryable: boolean, requestSent?: boolean) =>
  new ProviderError("x", { reason, retryable, requestSent });

describe("status calls and downloads retry what is transient and nothing else", () => {
  const cases: [string, ImageGenError, "retry" | "fail"][] = [
    ["429", new RateLimitError("x"), "retry"],
    ["5xx", provider("server", true), "retry"],
    ["network", provider("network", true), "retry"],
    ["request timeout", provider("timeout", true), "retry"],
    ["malformed body", provider("malformed", true), "retry"],
    ["unknown state", provider("unknown_state", true), "retry"],
    ["other HTTP status", provider("http", false), "fail"],
    ["unexpected adapter failure", provider("unexpected", false), "fail"],
    ["401", new AuthenticationError("x"), "fail"],
    ["400", new ValidationError("x"), "fail"],
  ];
  for (const [name, error, decision] of cases) {
    it(`${name} → ${decision}`, () => {
      expect(decideRetry(error, "status")).toBe(decision);
      expect(decideRetry(error, "download")).toBe(decision);
    });
  }
});

describe("an outage, which a wait rides out until its deadline, is the vendor being unavailable", () => {
  const cases: [string, ImageGenError, boolean][] = [
    ["429", new RateLimitError("x"), true],
    ["5xx", provider("server", true), true],
    ["network", provider("network", true), true],
    ["request timeout", provider("timeout", true), true],
    // Answers that will not change by asking again and again: bounded by the attempt budget.
    ["malformed body", provider("malformed", true), false],
    ["unknown state", provider("unknown_state", true), false],
    ["other HTTP status", provider("http", false), false],
    ["401", new AuthenticationError("x"), false],
  ];
  for (const [name, error, outage] of cases) {
    it(`${name} → ${outage ? "outage" : "not an outage"}`, () => expect(isOutage(error)).toBe(outage));
  }
});

describe("submit retries only where no task can have been created", () => {
  const cases: [string, ImageGenError, "retry" | "fail" | "outcome_unknown"][] = [
    ["429 (refused, nothing created)", new RateLimitError("x"), "retry"],
    ["connection refused / DNS (never sent)", provider("network", true, false), "retry"],
    ["reset after send", provider("network", true, undefined), "outcome_unknown"],
    ["5xx", provider("server", true), "outcome_unknown"],
    ["request timeout", provider("timeout", true), "outcome_unknown"],
    ["unreadable answer", provider("malformed", true), "outcome_unknown"],
    ["unexpected adapter failure", provider("unexpected", false), "outcome_unknown"],
    ["other HTTP status (e.g. 404)", provider("http", false), "fail"],
    ["400", new ValidationError("x"), "fail"],
    ["401", new AuthenticationError("x"), "fail"],
    ["402", new InsufficientBalanceError("x"), "fail"],
    ["content policy", new ContentPolicyError("x"), "fail"],
  ];
  for (const [name, error, decision] of cases) {
    it(`${name} → ${decision}`, () => expect(decideRetry(error, "submit")).toBe(decision));
  }
});

describe("backoff", () => {
  const options = { ...DEFAULT_RETRY_OPTIONS, baseDelayMs: 500, maxDelayMs: 4_000, maxRetryAfterMs: 10_000 };

  it("is full jitter over an exponentially growing cap", () => {
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, options, () => 1))).toEqual([
      500, 1_000, 2_000, 4_000, 4_000,
    ]);
    expect(backoffDelay(3, options, () => 0)).toBe(0);
    expect(backoffDelay(3, options, () => 0.25)).toBe(500);
  });
  it("never undercuts Retry-After", () => {
    expect(backoffDelay(1, options, () => 1, 7_000)).toBe(7_000);
  });
  it("caps Retry-After", () => {
    expect(backoffDelay(1, options, () => 1, 3_600_000)).toBe(10_000);
  });
  it("keeps a longer jittered delay over a short Retry-After", () => {
    expect(backoffDelay(4, options, () => 1, 100)).toBe(4_000);
  });
});

describe("retry options are checked", () => {
  it("accepts sound values, and 0 for maxRetryAfterMs (ignore Retry-After beyond our backoff)", () => {
    expect(checkRetryOptions(undefined, "retry")).toEqual([]);
    expect(checkRetryOptions({ ...DEFAULT_RETRY_OPTIONS, maxRetryAfterMs: 0 }, "retry")).toEqual([]);
    expect(checkRetryOptions({ maxAttempts: 1, baseDelayMs: undefined }, "retry")).toEqual([]);
  });

  it("refuses attempts that are not a whole number of 1 or more, and delays that would loop tightly", () => {
    const issues = checkRetryOptions(
      { maxAttempts: 1.5, baseDelayMs: 0, maxDelayMs: Number.NaN, maxRetryAfterMs: -1 },
      "retry",
    );
    expect(issues).toEqual([
      { path: "retry.maxAttempts", message: "must be a whole number of 1 or more" },
      { path: "retry.baseDelayMs", message: "must be a finite number of ms greater than 0" },
      { path: "retry.maxDelayMs", message: "must be a finite number of ms greater than 0" },
      { path: "retry.maxRetryAfterMs", message: "must be a finite number of ms of 0 or more" },
    ]);
    for (const maxAttempts of [0, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(checkRetryOptions({ maxAttempts }, "r")).toHaveLength(1);
    }
  });
});
