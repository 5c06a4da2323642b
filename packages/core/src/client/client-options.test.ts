import { describe, expect, it } from "vitest";
import { createImageClient, type ImageClientOptions, ValidationError } from "../index.js";
import { acme } from "../test-support/acme-provider.js";

const providers = { acme: acme({ apiKey: "k" }) };

function creationError(options: Partial<ImageClientOptions>): ValidationError {
  try {
    createImageClient({ providers, ...options });
  } catch (error) {
    expect(ValidationError.isInstance(error)).toBe(true);
    return error as ValidationError;
  }
  throw new Error("createImageClient accepted the options");
}

describe("client options are checked at creation, so a config typo fails at start-up", () => {
  it("a default model that is not configured", () => {
    expect(creationError({ defaultModel: "acme:nano" }).message).toMatch(
      /^Model "acme:nano" is not available. Configured models: acme:fast, acme:large. To use another Acme/,
    );
    expect(creationError({ defaultModel: "acme:fats" }).message).toContain('Did you mean "acme:fast"?');
    expect(creationError({ defaultModel: "acme" }).message).toContain(
      'is not of the form "provider:modelId"',
    );
  });

  it("a default model whose id is a URL dot segment, even where the adapter lists it", () => {
    const error = creationError({
      providers: { acme: acme({ apiKey: "k", passThrough: [".."] }) },
      defaultModel: "acme:..",
    });
    expect(error.message).toContain("must be usable as one URL path segment");
  });

  it("timeouts that are not positive, or NaN (which would mean no deadline at all)", () => {
    const error = creationError({ timeoutMs: 0, requestTimeoutMs: -1 });
    expect(error.issues.map((issue) => issue.path)).toEqual(["timeoutMs", "requestTimeoutMs"]);
    expect(creationError({ timeoutMs: Number.NaN }).issues[0]?.path).toBe("timeoutMs");
  });

  it("poll and retry values that would call the vendor in a tight loop", () => {
    const error = creationError({
      poll: { intervalMs: 0, timeScale: Number.NaN },
      retry: { maxAttempts: 0, baseDelayMs: -5 },
    });
    expect(error.issues.map((issue) => issue.path)).toEqual([
      "poll.intervalMs",
      "poll.timeScale",
      "retry.maxAttempts",
      "retry.baseDelayMs",
    ]);
    expect(error.message).toContain("poll.intervalMs must be a finite number of ms greater than 0");
  });

  it("callback time values: a confirmation deadline, and how long a result is kept", () => {
    const secret = "0123456789abcdef";
    const error = creationError({
      callback: {
        url: "https://a.test/hook",
        secret,
        confirmTimeoutMs: 0,
        resultTtlMs: Number.POSITIVE_INFINITY,
      },
    });
    expect(error.issues).toEqual([
      {
        path: "callback.confirmTimeoutMs",
        message: "must be a number of ms greater than 0 (or Infinity for no deadline)",
      },
      { path: "callback.resultTtlMs", message: "must be a finite number of ms greater than 0" },
    ]);
  });

  it("a callback URL that is not one, or a guessable secret", () => {
    const error = creationError({ callback: { url: "/hooks", secret: "short" } });
    expect(error.message).toBe(
      "Invalid client options: callback.url must be an absolute URL; callback.secret must be a random string of 16+ characters.",
    );
  });

  it("accepts a sound configuration", () => {
    const client = createImageClient({
      providers,
      defaultModel: "acme:fast",
      timeoutMs: 30 * 24 * 60 * 60_000, // longer than one timer can wait: chained
      requestTimeoutMs: Number.POSITIVE_INFINITY,
      poll: { initialDelayMs: 0, timeScale: 0.01 },
      retry: { maxAttempts: 1, maxRetryAfterMs: 0 },
      callback: { url: "https://app.example.test/hook", secret: "0123456789abcdef" },
    });
    expect(client.models()).toHaveLength(2);
  });
});
