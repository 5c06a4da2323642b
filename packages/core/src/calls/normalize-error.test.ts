import { describe, expect, it } from "vitest";
import { ProviderError, RateLimitError } from "../errors/errors.js";
import { normalizeError } from "./normalize-error.js";

const ctx = { provider: "acme", taskId: "t1", timedOut: false };
const fetchFailed = (code?: string) =>
  new TypeError("fetch failed", code ? { cause: Object.assign(new Error(code), { code }) } : undefined);

describe("normalizing what a provider call threw", () => {
  it("keeps typed errors as they are", () => {
    const error = new RateLimitError("slow down");
    expect(normalizeError(error, ctx)).toBe(error);
  });

  it("reads our own request timeout as a retryable timeout", () => {
    const error = normalizeError(new DOMException("aborted", "AbortError"), { ...ctx, timedOut: true });
    expect(error).toMatchObject({ name: "ProviderError", reason: "timeout", retryable: true, taskId: "t1" });
  });

  for (const code of ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH"]) {
    it(`knows ${code} means the request never left`, () => {
      const error = normalizeError(fetchFailed(code), ctx) as ProviderError;
      expect(error).toMatchObject({ reason: "network", requestSent: false, retryable: true });
      expect(error.message).toContain(code);
    });
  }

  it("treats a reset as possibly sent", () => {
    expect(normalizeError(fetchFailed("ECONNRESET"), ctx)).toMatchObject({
      reason: "network",
      requestSent: undefined,
    });
  });

  it("reads a connection lost while the body streams in as a network failure", () => {
    const socket = Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" });
    const error = normalizeError(new TypeError("terminated", { cause: socket }), ctx);
    expect(error).toMatchObject({ reason: "network", retryable: true, requestSent: undefined });
  });

  for (const code of ["ERR_STRING_TOO_LONG", "ERR_INVALID_ARG_TYPE", "ABORT_ERR"]) {
    it(`does not take any error with a code for the network: ${code} is unexpected`, () => {
      const error = Object.assign(new Error("Cannot create a string longer than 0x1fffffe8 characters"), {
        code,
      });
      expect(normalizeError(error, ctx)).toMatchObject({ reason: "unexpected", retryable: false });
    });
  }

  it("recognises browser fetch failures without a code", () => {
    for (const message of [
      "Failed to fetch",
      "NetworkError when attempting to fetch resource.",
      "Load failed",
    ]) {
      expect(normalizeError(new TypeError(message), ctx)).toMatchObject({
        reason: "network",
        requestSent: undefined,
      });
    }
  });

  it("calls anything else an unexpected, non-retryable adapter failure", () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'id')");
    const error = normalizeError(bug, ctx);
    expect(ProviderError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ reason: "unexpected", retryable: false, cause: bug });
    expect(normalizeError("a string", ctx).message).toContain("a string");
  });
});
