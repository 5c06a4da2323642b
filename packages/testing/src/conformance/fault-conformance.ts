import { describe, expect, it } from "vitest";
import type { AdapterConformanceOptions } from "./adapter-spec.js";
import { type conformanceWorld, fails, settle, succeeds } from "./conformance-world.js";

/** The class each refusal of a submit gets, the same on every vendor. */
const REFUSALS = [
  [400, "ValidationError"],
  [401, "AuthenticationError"],
  [402, "InsufficientBalanceError"],
  [403, "AuthenticationError"],
] as const;

/** Every fault the emulator can inject, on submits and on status checks. */
export function describeFaults(
  world: ReturnType<typeof conformanceWorld>,
  _options: AdapterConformanceOptions,
) {
  describe("faults on submit", () => {
    for (const [status, name] of REFUSALS) {
      it(`HTTP ${status} → ${name}, final, the vendor's body kept`, async () => {
        const { client, emulator } = world.run();
        emulator.inject("submit", { kind: "http", status });
        const error = await fails(client.generate({ prompt: "a fox" }));
        expect(error).toMatchObject({
          name,
          statusCode: status,
          retryable: false,
          provider: world.vendor().id,
        });
        expect(error.responseBody).toBeTruthy();
        expect(emulator.stats()).toMatchObject({ submits: 1, tasksCreated: 0 });
      });
    }

    it("HTTP 429 is a refusal: retried after Retry-After, one task created", async () => {
      const { client, emulator, events } = world.run();
      emulator.inject("submit", { kind: "http", status: 429, retryAfter: "7" }, { times: 2 });
      const result = await succeeds(client.generate({ prompt: "a fox" }));
      expect(result.status.state).toBe("succeeded");
      expect(emulator.stats()).toMatchObject({ submits: 3, tasksCreated: 1 });
      const retries = events.flatMap((event) => (event.type === "retry" ? [event] : []));
      expect(retries.map((retry) => retry.delayMs)).toEqual([7_000, 7_000]);
      expect((retries[0]?.error as Error | undefined)?.name).toBe("RateLimitError");
    });

    for (const status of [500, 502, 503, 504]) {
      it(`HTTP ${status} after the task exists → SubmitOutcomeUnknownError, never a second submit`, async () => {
        const { client, emulator } = world.run();
        emulator.inject("submit", { kind: "http", status, after: true });
        const error = await fails(client.generate({ prompt: "a fox" }));
        expect(error.name).toBe("SubmitOutcomeUnknownError");
        expect(error.cause).toMatchObject({ name: "ProviderError", statusCode: status });
        expect(emulator.stats()).toMatchObject({ submits: 1, tasksCreated: 1 });
      });
    }

    it("an HTML error page from a proxy is read by its status", async () => {
      const { client, emulator } = world.run();
      emulator.inject("submit", { kind: "html", status: 502, after: true });
      const error = await fails(client.generate({ prompt: "a fox" }));
      expect(error.name).toBe("SubmitOutcomeUnknownError");
      expect(error.cause).toMatchObject({ statusCode: 502, responseBody: expect.stringContaining("<html") });
    });

    for (const kind of ["malformed", "reset"] as const) {
      it(`a ${kind} answer after the task exists → SubmitOutcomeUnknownError, never a second submit`, async () => {
        const { client, emulator } = world.run();
        emulator.inject("submit", { kind, after: true });
        const error = await fails(client.generate({ prompt: "a fox" }));
        expect(error.name).toBe("SubmitOutcomeUnknownError");
        expect(emulator.stats()).toMatchObject({ submits: 1, tasksCreated: 1 });
      });
    }

    it("an error code inside an HTTP 200 answer is the error of that status", async () => {
      const { client, emulator } = world.run();
      emulator.inject("submit", { kind: "in-body", code: 402 });
      const error = await fails(client.generate({ prompt: "a fox" }));
      expect(error.name).toBe("InsufficientBalanceError");
      expect(emulator.stats().tasksCreated).toBe(0);
    });

    it("an in-body 429 is retried like the HTTP one", async () => {
      const { client, emulator } = world.run();
      emulator.inject("submit", { kind: "in-body", code: 429 });
      await succeeds(client.generate({ prompt: "a fox" }));
      expect(emulator.stats()).toMatchObject({ submits: 2, tasksCreated: 1 });
    });
  });

  describe("faults on status checks", () => {
    const ridden = [
      ["HTTP 429", { kind: "http", status: 429 }],
      ["HTTP 500", { kind: "http", status: 500 }],
      ["HTTP 502", { kind: "http", status: 502 }],
      ["HTTP 503", { kind: "http", status: 503 }],
      ["HTTP 504", { kind: "http", status: 504 }],
      ["an in-body 500", { kind: "in-body", code: 500 }],
      ["an HTML page", { kind: "html", status: 502 }],
      ["a malformed body", { kind: "malformed" }],
      ["a reset connection", { kind: "reset" }],
    ] as const;
    for (const [what, fault] of ridden) {
      it(`${what} is retried; the task completes and is never submitted again`, async () => {
        const { client, emulator } = world.run();
        emulator.inject("status", fault, { times: 2 });
        const result = await succeeds(client.generate({ prompt: "a fox" }));
        expect(result.status.state).toBe("succeeded");
        expect(emulator.stats()).toMatchObject({ submits: 1, faultsInjected: 2 });
      });
    }

    it("a redirect is not followed (it could carry the key elsewhere): a final ProviderError", async () => {
      const { client, emulator } = world.run();
      const handle = await succeeds(client.submit({ prompt: "a fox" }));
      emulator.inject("status", { kind: "redirect" });
      const { error } = await settle(client.getStatus(handle));
      expect(error).toMatchObject({ name: "ProviderError", statusCode: 302, retryable: false });
      expect(emulator.stats().statusCalls).toBe(1);
    });

    it("failures past getStatus's retry budget surface as the last error, naming the task", async () => {
      const { client, emulator } = world.run({ client: { retry: { maxAttempts: 2 } } });
      const handle = await succeeds(client.submit({ prompt: "a fox" }));
      emulator.inject("status", { kind: "http", status: 503 }, { times: 10 });
      const error = await fails(client.getStatus(handle));
      expect(error).toMatchObject({ name: "ProviderError", statusCode: 503, taskId: handle.taskId });
      expect(emulator.stats().statusCalls).toBe(2);
    });

    it("an oversized answer is not read: a ProviderError, not an out-of-memory", async () => {
      const { client, emulator } = world.run({ client: { retry: { maxAttempts: 1 } } });
      const handle = await succeeds(client.submit({ prompt: "a fox" }));
      emulator.inject("status", { kind: "huge", bytes: 4 * 1024 * 1024 });
      const error = await fails(client.getStatus(handle));
      expect(error).toMatchObject({ name: "ProviderError", reason: "too_large" });
    });
  });
}
