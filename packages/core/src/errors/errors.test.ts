import { describe, expect, it } from "vitest";
import {
  AuthenticationError,
  ContentPolicyError,
  ImageGenError,
  InsufficientBalanceError,
  ProviderError,
  RateLimitError,
  SubmitOutcomeUnknownError,
  TaskFailedError,
  TaskTimeoutError,
  UploadError,
  ValidationError,
} from "../index.js";

const handle = { provider: "acme", model: "fast", taskId: "t1", submittedAt: "2026-01-01T00:00:00.000Z" };
const instances = [
  new ValidationError("v", { issues: [{ path: "prompt", message: "empty" }] }),
  new AuthenticationError("a"),
  new InsufficientBalanceError("b"),
  new RateLimitError("r", { retryAfterMs: 1_000 }),
  new ProviderError("p", { reason: "server", retryable: true }),
  new ContentPolicyError("c"),
  new TaskFailedError("f", { failCode: "X" }),
  new TaskTimeoutError("t", { handle }),
  new SubmitOutcomeUnknownError("s"),
  new UploadError("u", { index: 2, retryable: true }),
];

describe("error classes", () => {
  it("each has name = class name and a stable code", () => {
    expect(instances.map((error) => [error.name, error.code])).toEqual([
      ["ValidationError", "validation"],
      ["AuthenticationError", "authentication"],
      ["InsufficientBalanceError", "insufficient_balance"],
      ["RateLimitError", "rate_limited"],
      ["ProviderError", "provider_error"],
      ["ContentPolicyError", "content_policy"],
      ["TaskFailedError", "task_failed"],
      ["TaskTimeoutError", "task_timeout"],
      ["SubmitOutcomeUnknownError", "submit_outcome_unknown"],
      ["UploadError", "upload_failed"],
    ]);
  });

  it("are ImageGenErrors and Errors", () => {
    for (const error of instances) {
      expect(error).toBeInstanceOf(Error);
      expect(ImageGenError.isInstance(error)).toBe(true);
    }
  });

  it("are recognised by marker, so a second bundled copy of the SDK still agrees", () => {
    const foreign = Object.assign(new Error("from another copy"), {
      name: "RateLimitError",
      [Symbol.for("@org/imagegen.error")]: true,
    });
    expect(RateLimitError.isInstance(foreign)).toBe(true);
    expect(ImageGenError.isInstance(foreign)).toBe(true);
    expect(ProviderError.isInstance(foreign)).toBe(false);
    expect(ImageGenError.isInstance(new Error("plain"))).toBe(false);
    expect(ImageGenError.isInstance(null)).toBe(false);
    expect(ImageGenError.isInstance("RateLimitError")).toBe(false);
  });

  it("subclass checks do not match siblings", () => {
    expect(ContentPolicyError.isInstance(new TaskFailedError("f", { failCode: "X" }))).toBe(false);
  });

  it("serialize to JSON with their facts", () => {
    expect(JSON.parse(JSON.stringify(instances[3]))).toEqual({
      name: "RateLimitError",
      code: "rate_limited",
      message: "r",
      retryable: true,
      retryAfterMs: 1_000,
    });
    expect(instances[0]?.toJSON()).toMatchObject({ issues: [{ path: "prompt", message: "empty" }] });
    expect(instances[4]?.toJSON()).toMatchObject({ reason: "server", retryable: true });
    expect(instances[6]?.toJSON()).toMatchObject({ failCode: "X" });
    expect(instances[7]?.toJSON()).toMatchObject({ handle, retryable: true });
    expect(instances[9]?.toJSON()).toMatchObject({ index: 2, retryable: true });
  });

  it("a timeout before anything was submitted has no handle and is not resumable", () => {
    expect(new TaskTimeoutError("t", { handle: undefined })).toMatchObject({
      handle: undefined,
      retryable: false,
    });
  });

  it("keep their cause", () => {
    const cause = new Error("root");
    expect(new AuthenticationError("a", { cause }).cause).toBe(cause);
    expect(new AuthenticationError("a").cause).toBeUndefined();
  });
});
