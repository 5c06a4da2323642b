import {
  AuthenticationError,
  ContentPolicyError,
  type ImageGenError,
  InsufficientBalanceError,
  ProviderError,
  RateLimitError,
  SubmitOutcomeUnknownError,
  TaskFailedError,
  ValidationError,
} from "@org/imagegen-core";
import { fails, settle, succeeds, useMswServer } from "@org/imagegen-test-kit";
import { FAIL_MESSAGES } from "@org/imagegen-testing";
import { describe, expect, it } from "vitest";
import { emulatedApixo } from "./test-support/emulated-apixo.js";

const server = useMswServer();

describe("fail codes", () => {
  const cases = [
    ["CONTENT_VIOLATION", ContentPolicyError, false],
    ["INVALID_IMAGE_URL", TaskFailedError, false],
    ["INVALID_PARAMETER", TaskFailedError, false],
    ["INSUFFICIENT_BALANCE", InsufficientBalanceError, false],
    ["UPSTREAM_ERROR", TaskFailedError, true],
    ["TIMEOUT", TaskFailedError, true],
  ] as const;
  for (const [code, errorClass, retryable] of cases) {
    it(`${code} → ${errorClass.errorName}${retryable ? ", retryable" : ""}`, async () => {
      const { client, emulator } = emulatedApixo(server);
      const error = await fails(client.generate({ prompt: `a fox [emulator: fail=${code}]` }));
      expect(errorClass.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ provider: "apixo", taskId: emulator.tasks()[0]?.id, retryable });
      expect(error.message).toContain(FAIL_MESSAGES[code]);
      if (TaskFailedError.isInstance(error)) expect(error.failCode).toBe(code);
      expect(emulator.stats().submits).toBe(1);
    });
  }

  it("an unreachable reference image is INVALID_IMAGE_URL, with the vendor's message", async () => {
    const { client } = emulatedApixo(server);
    const error = await fails(
      client.generate({ prompt: "the fox", referenceImages: ["https://images.invalid/fox.png"] }),
    );
    expect(error).toMatchObject({ name: "TaskFailedError", failCode: "INVALID_IMAGE_URL", retryable: false });
  });
});

describe("HTTP errors on submit", () => {
  const cases = [
    [400, ValidationError],
    [401, AuthenticationError],
    [402, InsufficientBalanceError],
    [403, AuthenticationError],
  ] as const;
  for (const [status, errorClass] of cases) {
    it(`${status} → ${errorClass.errorName}, not retried`, async () => {
      const { client, emulator } = emulatedApixo(server);
      emulator.inject("submit", { kind: "http", status });
      const error = await fails(client.generate({ prompt: "a fox" }));
      expect(errorClass.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ statusCode: status, retryable: false, provider: "apixo" });
      expect((error as ImageGenError).responseBody).toContain(`"code":${status}`);
      expect(emulator.stats().submits).toBe(1);
    });
  }

  it("429 is a refusal: retried after Retry-After, and the task is created once", async () => {
    const { client, emulator, events } = emulatedApixo(server);
    emulator.inject("submit", { kind: "http", status: 429, retryAfter: "7" }, { times: 2 });
    const result = await succeeds(client.generate({ prompt: "a fox" }));
    expect(result.images).toHaveLength(1);
    expect(emulator.stats()).toMatchObject({ submits: 3, tasksCreated: 1 });
    const retries = events.filter((event) => event.type === "retry");
    expect(retries.map((event) => event.delayMs)).toEqual([7_000, 7_000]);
    expect(RateLimitError.isInstance(retries[0]?.error)).toBe(true);
  });

  for (const status of [500, 502, 504]) {
    it(`${status} may have created a task: SubmitOutcomeUnknownError, never a second submit`, async () => {
      const { client, emulator } = emulatedApixo(server);
      emulator.inject("submit", { kind: "http", status, after: true });
      const error = await fails(client.generate({ prompt: "a fox" }));
      expect(SubmitOutcomeUnknownError.isInstance(error)).toBe(true);
      expect(error.cause).toMatchObject({ name: "ProviderError", statusCode: status, reason: "server" });
      expect(emulator.stats()).toMatchObject({ submits: 1, tasksCreated: 1 });
    });
  }

  it("an HTML error page from a proxy is a server error by its status", async () => {
    const { client, emulator } = emulatedApixo(server);
    emulator.inject("submit", { kind: "html", status: 502 });
    const error = await fails(client.generate({ prompt: "a fox" }));
    expect(error.cause).toMatchObject({ statusCode: 502, responseBody: expect.stringContaining("<html>") });
  });
});

describe("an error code inside an HTTP 200 envelope (code != 200)", () => {
  it("is an error like the same HTTP status", async () => {
    const { client, emulator } = emulatedApixo(server);
    emulator.inject("submit", { kind: "in-body", code: 401 });
    const error = await fails(client.generate({ prompt: "a fox" }));
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(error.message).toContain("code 401 in an HTTP 200 answer");
  });

  it('`{"code":400,"message":"Insufficient credits"}` is about money, not the request', async () => {
    const { client, emulator } = emulatedApixo(server);
    emulator.inject("submit", { kind: "in-body", code: 400, message: "Insufficient credits" });
    const error = await fails(client.generate({ prompt: "a fox" }));
    expect(InsufficientBalanceError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      statusCode: 400,
      responseBody: expect.stringContaining("Insufficient credits"),
    });
  });

  it("the same 400 with the HTTP status 400 too", async () => {
    const { client, emulator } = emulatedApixo(server);
    emulator.inject("submit", { kind: "http", status: 400, message: "Insufficient credits" });
    const error = await fails(client.generate({ prompt: "a fox" }));
    expect(InsufficientBalanceError.isInstance(error)).toBe(true);
  });

  it("an in-body 429 on submit is retried like the HTTP one", async () => {
    const { client, emulator } = emulatedApixo(server);
    emulator.inject("submit", { kind: "in-body", code: 429 });
    await succeeds(client.generate({ prompt: "a fox" }));
    expect(emulator.stats()).toMatchObject({ submits: 2, tasksCreated: 1 });
  });

  it("an in-body 500 on a status call is retried; the task still completes", async () => {
    const { client, emulator } = emulatedApixo(server);
    emulator.inject("status", { kind: "in-body", code: 500 }, { times: 2 });
    const result = await succeeds(client.generate({ prompt: "a fox" }));
    expect(result.status.state).toBe("succeeded");
    expect(emulator.stats().submits).toBe(1);
  });
});

describe("HTTP errors on status calls", () => {
  for (const status of [429, 500, 502, 503, 504]) {
    it(`${status} is retried with backoff; a poll never re-submits`, async () => {
      const { client, emulator } = emulatedApixo(server);
      emulator.inject("status", { kind: "http", status }, { times: 3 });
      const result = await succeeds(client.generate({ prompt: "a fox" }));
      expect(result.images).toHaveLength(1);
      expect(emulator.stats().submits).toBe(1);
    });
  }

  it("a malformed body is retried", async () => {
    const { client, emulator } = emulatedApixo(server);
    emulator.inject("status", { kind: "malformed" }, { times: 1 });
    await succeeds(client.generate({ prompt: "a fox" }));
    expect(emulator.stats().faultsInjected).toBe(1);
  });

  it("a redirect is not followed (it could carry the key elsewhere): a final ProviderError saying so", async () => {
    const { client, emulator } = emulatedApixo(server);
    const handle = await client.submit({ prompt: "a fox" });
    emulator.inject("status", { kind: "redirect" });
    const { error } = await settle(client.getStatus(handle));
    expect(error).toMatchObject({ name: "ProviderError", statusCode: 302, retryable: false });
    expect((error as Error).message).toContain("redirects are not followed");
    expect(emulator.requests.filter((request) => request.call === "status")).toHaveLength(1);
  });

  // A wait rides out an outage until its deadline; a single status check keeps the retry budget.
  it("failures past the retry budget of getStatus surface as the last error, with the task id", async () => {
    const { client, emulator } = emulatedApixo(server, { client: { retry: { maxAttempts: 2 } } });
    const handle = await client.submit({ prompt: "a fox" });
    emulator.inject("status", { kind: "http", status: 503 }, { times: 10 });
    const error = await fails(client.getStatus(handle));
    expect(ProviderError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 503, taskId: handle.taskId });
    expect(emulator.stats().statusCalls).toBe(2);
  });
});
