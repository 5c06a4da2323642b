import { ContentPolicyError, InsufficientBalanceError, TaskFailedError } from "@org/imagegen-core";
import { fails, succeeds, useMswServer } from "@org/imagegen-test-kit";
import { XINGCHAOYIQING_FAIL_MESSAGES } from "@org/imagegen-testing";
import { describe, expect, it } from "vitest";
import { emulatedXingchaoyiqing } from "./test-support/emulated-xingchaoyiqing.js";
import { xingchaoyiqing } from "./xingchaoyiqing-provider.js";

const server = useMswServer();
const states = (events: ReturnType<typeof emulatedXingchaoyiqing>["events"]) =>
  events.flatMap((event) => (event.type === "state" ? [event.state] : []));

describe("query: statuses", () => {
  it("queued → queued, processing → running, completed → succeeded", async () => {
    const { client, events } = emulatedXingchaoyiqing(server, { emulator: { durationMs: 45_000 } });
    await succeeds(client.generate({ prompt: "a cat [emulator: states=queued,processing,completed]" }));
    expect(states(events)).toEqual(["queued", "running", "succeeded"]);
  });

  it("a status going back (processing → queued) does not move the task back", async () => {
    // The emulator holds the first state for a fifth of the time (12 s here), so the first poll comes sooner.
    const { client, events } = emulatedXingchaoyiqing(server, {
      emulator: { durationMs: 60_000 },
      client: { poll: { initialDelayMs: 5_000 } },
    });
    await succeeds(client.generate({ prompt: "a cat [emulator: states=processing,queued,completed]" }));
    const seen = events.flatMap((event) => (event.type === "poll" ? [event.status.state] : []));
    expect(seen.indexOf("queued")).toBeGreaterThan(seen.indexOf("running"));
    expect(states(events)).toEqual(["queued", "running", "succeeded"]);
  });

  it("an undocumented status is retried a bounded number of times, then a ProviderError", async () => {
    const { client, emulator } = emulatedXingchaoyiqing(server, { client: { retry: { maxAttempts: 3 } } });
    const error = await fails(client.generate({ prompt: "a cat [emulator: states=paused duration=1000]" }));
    expect(error).toMatchObject({ name: "ProviderError", reason: "unknown_state", retryable: true });
    expect(error.message).toContain('"paused"');
    expect(emulator.stats().statusCalls).toBe(3);
  });
});

describe("query: completed", () => {
  it("image_url is the one image, valid for about 24 h; created is the creation time", async () => {
    const { client, emulator } = emulatedXingchaoyiqing(server, { emulator: { durationMs: 17_000 } });
    const result = await succeeds(client.generate({ prompt: "a cat" }));
    const [task] = emulator.tasks();
    const polledAt = Date.now();
    expect(result.images).toEqual([
      { url: task?.imageUrls[0], expiresAt: new Date(polledAt + 86_400_000).toISOString() },
    ]);
    expect(result.status).toMatchObject({
      state: "succeeded",
      createdAt: "2026-01-01T00:00:00.000Z",
      completedAt: undefined,
      durationMs: undefined,
      raw: { id: task?.id, object: "image.generation", status: "completed" },
    });
  });

  for (const [result, what] of [
    ["missing", "null"],
    ["empty", "an empty string"],
    ["not-json", "not a URL"],
  ] as const) {
    it(`image_url ${what}: a ProviderError ("malformed") after bounded retries`, async () => {
      const { client, emulator } = emulatedXingchaoyiqing(server);
      const error = await fails(client.generate({ prompt: `a cat [emulator: result=${result}]` }));
      expect(error).toMatchObject({ name: "ProviderError", reason: "malformed" });
      expect(error.message).toContain("without a usable image_url");
      expect(emulator.stats().submits).toBe(1);
    });
  }
});

describe("query: failed", () => {
  it("a content refusal → ContentPolicyError, as on APIXO, with the vendor's message", async () => {
    const { client, emulator } = emulatedXingchaoyiqing(server);
    const error = await fails(client.generate({ prompt: "a cat [emulator: fail=CONTENT_VIOLATION]" }));
    expect(ContentPolicyError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ retryable: false, taskId: emulator.tasks()[0]?.id });
    expect(error.message).toContain(XINGCHAOYIQING_FAIL_MESSAGES.CONTENT_VIOLATION);
    expect(error.message).toContain("Change the prompt or reference images");
  });

  it("an account out of credit → InsufficientBalanceError", async () => {
    const { client } = emulatedXingchaoyiqing(server);
    const error = await fails(client.generate({ prompt: "a cat [emulator: fail=INSUFFICIENT_BALANCE]" }));
    expect(InsufficientBalanceError.isInstance(error)).toBe(true);
    expect(error.message).toContain(XINGCHAOYIQING_FAIL_MESSAGES.INSUFFICIENT_BALANCE);
  });

  for (const code of ["INVALID_IMAGE_URL", "INVALID_PARAMETER", "UPSTREAM_ERROR", "TIMEOUT"]) {
    it(`any other failure (${code}) → TaskFailedError GENERATION_FAILED with the vendor's message`, async () => {
      const { client } = emulatedXingchaoyiqing(server);
      const error = await fails(client.generate({ prompt: `a cat [emulator: fail=${code}]` }));
      expect(TaskFailedError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ failCode: "GENERATION_FAILED", retryable: false });
      expect(error.message).toContain(XINGCHAOYIQING_FAIL_MESSAGES[code]);
    });
  }

  it("a task that failed at once is reported at the first poll", async () => {
    const { client, emulator } = emulatedXingchaoyiqing(server);
    const error = await fails(
      client.generate({ prompt: "a cat [emulator: fail=INVALID_PARAMETER duration=0]" }),
    );
    expect(error).toMatchObject({ name: "TaskFailedError" });
    expect(emulator.stats().statusCalls).toBe(1);
  });
});

describe("a query answer relayed as a callback is read by the same normaliser", () => {
  const adapter = xingchaoyiqing({ apiKey: "unused" });
  const headers = new Headers();
  const task = { id: "nb_1", object: "image.generation", created: 1_767_225_600, model: "nano-banana" };

  it("completed", () => {
    const status = adapter.parseCallback(
      { ...task, status: "completed", image_url: "https://cdn.example/a.png", error: null },
      headers,
    );
    expect(status).toMatchObject({
      taskId: "nb_1",
      state: "succeeded",
      images: [{ url: "https://cdn.example/a.png" }],
      createdAt: "2026-01-01T00:00:00.000Z",
    });
  });

  it("failed, with the error as a string, as an object, or missing", () => {
    const failure = (error: unknown) =>
      adapter.parseCallback({ ...task, status: "failed", image_url: null, error }, headers).failure;
    expect(failure("boom")).toEqual({
      kind: "task_failed",
      code: "GENERATION_FAILED",
      message: "boom",
      retryable: false,
    });
    expect(failure({ message: "bang" })?.message).toBe("bang");
    expect(failure(null)?.message).toBe("no reason given");
  });

  it("created in milliseconds instead of seconds is read as such", () => {
    const status = adapter.parseCallback({ ...task, created: 1_767_225_600_000, status: "queued" }, headers);
    expect(status.createdAt).toBe("2026-01-01T00:00:00.000Z");
  });

  it("fields left out entirely are tolerated", () => {
    expect(adapter.parseCallback({ id: "nb_2", status: "queued" }, headers)).toMatchObject({
      state: "queued",
      createdAt: undefined,
    });
  });

  it("a body that is not a task is a ProviderError", () => {
    expect(() => adapter.parseCallback({ status: "completed" }, headers)).toThrow(/unexpected task \(id:/);
  });
});
