import { InsufficientBalanceError, TaskFailedError } from "@org/imagegen-core";
import { fails, useMswServer } from "@org/imagegen-test-kit";
import { APIXO_FAIL_MESSAGES } from "@org/imagegen-testing";
import { describe, expect, it } from "vitest";
import { emulatedApixo } from "./test-support/emulated-apixo.js";

// Every fail code's class, every HTTP fault and the key's safety are in apixo-conformance.test.ts (the suite
// every adapter runs); here is what only APIXO's error mapping does.
const server = useMswServer();

describe("fail codes: what APIXO says may pass with time", () => {
  const cases = [
    ["INVALID_IMAGE_URL", false],
    ["INVALID_PARAMETER", false],
    ["UPSTREAM_ERROR", true],
    ["TIMEOUT", true],
  ] as const;
  for (const [code, retryable] of cases) {
    it(`${code}: a TaskFailedError carrying the code${retryable ? ", retryable" : ", final"}`, async () => {
      const { client } = emulatedApixo(server);
      const error = await fails(client.generate({ prompt: `a fox [emulator: fail=${code}]` }));
      expect(TaskFailedError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ failCode: code, retryable });
      expect(error.message).toContain(APIXO_FAIL_MESSAGES[code]);
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

describe("the envelope", () => {
  it("an HTTP error keeps APIXO's envelope as the response body", async () => {
    const { client, emulator } = emulatedApixo(server);
    emulator.inject("submit", { kind: "http", status: 403 });
    const error = await fails(client.generate({ prompt: "a fox" }));
    expect(error).toMatchObject({
      name: "AuthenticationError",
      responseBody: expect.stringContaining('"code":403'),
    });
  });

  it("an error code inside an HTTP 200 envelope says so", async () => {
    const { client, emulator } = emulatedApixo(server);
    emulator.inject("submit", { kind: "in-body", code: 401 });
    const error = await fails(client.generate({ prompt: "a fox" }));
    expect(error).toMatchObject({ name: "AuthenticationError" });
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

  it("a 500 on submit is a server error that may have created a task", async () => {
    const { client, emulator } = emulatedApixo(server);
    emulator.inject("submit", { kind: "http", status: 500, after: true });
    const error = await fails(client.generate({ prompt: "a fox" }));
    expect(error.cause).toMatchObject({ name: "ProviderError", reason: "server" });
  });
});
