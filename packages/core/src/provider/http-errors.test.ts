import { describe, expect, it } from "vitest";
import { httpError, parseRetryAfter } from "./http-errors.js";

describe("Retry-After", () => {
  const now = Date.parse("2026-11-22T12:00:00Z");
  it("reads delta-seconds", () => {
    expect(parseRetryAfter("7", now)).toBe(7_000);
    expect(parseRetryAfter(" 1.5 ", now)).toBe(1_500);
  });
  it("reads an HTTP date", () => {
    expect(parseRetryAfter("Sun, 22 Nov 2026 12:00:30 GMT", now)).toBe(30_000);
  });
  it("never goes negative for a date in the past", () => {
    expect(parseRetryAfter("Sun, 22 Nov 2026 11:00:00 GMT", now)).toBe(0);
  });
  it("ignores what it cannot read", () => {
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter("soon")).toBeUndefined();
  });
});

describe("HTTP status → typed error", () => {
  const base = { provider: "acme", message: "nope", body: '{"message":"nope"}' };
  const cases: [number, string, boolean][] = [
    [400, "ValidationError", false],
    [422, "ValidationError", false],
    [401, "AuthenticationError", false],
    [403, "AuthenticationError", false],
    [402, "InsufficientBalanceError", false],
    [429, "RateLimitError", true],
    [500, "ProviderError", true],
    [502, "ProviderError", true],
    [503, "ProviderError", true],
    [504, "ProviderError", true],
    [404, "ProviderError", false],
    [409, "ProviderError", false],
  ];
  for (const [status, name, retryable] of cases) {
    it(`${status} → ${name}${retryable ? " (retryable)" : ""}`, () => {
      const error = httpError({ ...base, status });
      expect(error).toMatchObject({
        name,
        retryable,
        statusCode: status,
        provider: "acme",
        responseBody: base.body,
      });
      expect(error.message).toContain("nope");
    });
  }
  it("a 429 carries Retry-After", () => {
    expect(httpError({ ...base, status: 429, retryAfter: "12" })).toMatchObject({ retryAfterMs: 12_000 });
  });
  it("5xx and other statuses say why", () => {
    expect(httpError({ ...base, status: 503 })).toMatchObject({ reason: "server" });
    expect(httpError({ ...base, status: 404, message: undefined })).toMatchObject({
      reason: "http",
      message: "acme answered HTTP 404.",
    });
  });
  it("a 404 about a task says the vendor does not know it", () => {
    const error = httpError({ ...base, status: 404, taskId: "t1", message: "Task not found" });
    expect(error).toMatchObject({ name: "ProviderError", reason: "http", retryable: false, taskId: "t1" });
    expect(error.message).toBe(
      "acme does not know task t1 (HTTP 404: Task not found). Use the handle submit() returned.",
    );
  });
  it("a redirect is not an answer: it says where it pointed and why it was not followed", () => {
    const error = httpError({ ...base, status: 302, location: "https://elsewhere.example/v1" });
    expect(error).toMatchObject({ name: "ProviderError", reason: "http", retryable: false });
    expect(error.message).toBe(
      "acme redirected the call (HTTP 302) to https://elsewhere.example/v1. API redirects are not followed, " +
        "since they could carry the API key to another host: check the provider's baseUrl.",
    );
    expect(httpError({ ...base, status: 307 }).message).toMatch(/^acme redirected the call \(HTTP 307\)\. /);
  });
  it("an error code inside an HTTP 200 answer is mapped the same, and worded as what it was", () => {
    const error = httpError({ ...base, status: 402, inBody: true });
    expect(error).toMatchObject({ name: "InsufficientBalanceError", statusCode: 402 });
    expect(error.message).toBe(
      "acme reports insufficient balance (code 402 in an HTTP 200 answer): nope. Top up the account.",
    );
  });
});
