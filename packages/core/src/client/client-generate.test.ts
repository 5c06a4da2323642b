import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import {
  AuthenticationError,
  ContentPolicyError,
  createImageClient,
  type ProviderError,
  RateLimitError,
  SubmitOutcomeUnknownError,
  TaskFailedError,
} from "../index.js";
import { ACME_BASE_URL, acme } from "../test-support/acme-provider.js";
import { ACME_CDN, ACME_KEY } from "../test-support/acme-server.js";
import { settle, setupClient, useMswServer } from "../test-support/harness.js";

const server = useMswServer();

describe("generate: submit, poll on the model's schedule, return the images", () => {
  it("follows the documented schedule: first poll at 10 s, then every 3 s", async () => {
    const { client, vendor, events } = setupClient(server, { durationMs: 15_000, poll: { jitter: 0 } });
    const start = Date.now();
    const { value: result } = await settle(client.generate({ prompt: "a fox", aspectRatio: "16:9" }));

    expect(result?.images).toEqual([{ url: `${ACME_CDN}/task_1.png` }]);
    expect(result?.status.state).toBe("succeeded");
    expect(result?.handle).toMatchObject({ provider: "acme", model: "fast", taskId: "task_1" });
    expect(result?.warnings).toEqual([]);
    expect(vendor.calls).toMatchObject({ submit: 1, status: 3 });
    const polls = events.filter((event) => event.type === "poll").map((event) => event.at - start);
    expect(polls).toEqual([10_000, 13_000, 16_000]);
  });

  it("reports every lifecycle step as an event, in order", async () => {
    const { client, events } = setupClient(server);
    await settle(client.generate({ prompt: "a fox" }));
    const steps = events.map((event) =>
      event.type === "state" ? `${event.previous}→${event.state}` : event.type,
    );
    expect(steps).toEqual([
      "submitted",
      "submitting→queued",
      "poll",
      "queued→running",
      "poll",
      "poll",
      "running→succeeded",
    ]);
  });

  it("submit alone reports submitted with the handle to persist, then submitting→queued", async () => {
    const { client, events } = setupClient(server);
    const handle = await client.submit({ prompt: "a fox" });
    expect(events.map((event) => event.type)).toEqual(["submitted", "state"]);
    expect(events[0]).toMatchObject({ type: "submitted", handle });
    expect(events[1]).toMatchObject({ state: "queued", previous: "submitting", handle });
  });

  it("a submit the vendor refuses ends the lifecycle as submitting→failed, with no handle", async () => {
    const { client, events } = setupClient(server);
    server.use(
      http.post(`${ACME_BASE_URL}/tasks`, () => HttpResponse.json({ error: "no" }, { status: 401 })),
    );
    const { error } = await settle(client.submit({ prompt: "a fox" }));
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(events).toEqual([
      expect.objectContaining({ type: "state", previous: "submitting", state: "failed", handle: undefined }),
    ]);
  });

  it("a submit cut off by the deadline ends as submitting→timed_out; by the caller, as aborted", async () => {
    const { client, events } = setupClient(server);
    const controller = new AbortController();
    server.use(
      http.post(`${ACME_BASE_URL}/tasks`, () => {
        // The caller leaves while the submit is in flight: it may have created the task.
        controller.abort(new Error("user left"));
        return new Promise<never>(() => {});
      }),
    );
    const aborted = await settle(client.generate({ prompt: "a fox", signal: controller.signal }));
    server.use(http.post(`${ACME_BASE_URL}/tasks`, () => new Promise<never>(() => {})));
    const timedOut = await settle(client.generate({ prompt: "a fox", timeoutMs: 1_000 }));
    expect(SubmitOutcomeUnknownError.isInstance(aborted.error)).toBe(true);
    expect(SubmitOutcomeUnknownError.isInstance(timedOut.error)).toBe(true);
    const ends = events.flatMap((event) =>
      event.type === "state" ? [`${event.previous}→${event.state}`] : [],
    );
    expect(ends).toEqual(["submitting→aborted", "submitting→timed_out"]);
  });

  it("runs the whole schedule at an emulator's time scale with one option", async () => {
    const { client, events } = setupClient(server, { durationMs: 150, poll: { jitter: 0, timeScale: 0.01 } });
    const start = Date.now();
    await settle(client.generate({ prompt: "a fox" }));
    const polls = events.filter((event) => event.type === "poll").map((event) => event.at - start);
    expect(polls).toEqual([100, 130, 160]);
  });

  it("sends the request mapped to the vendor's fields", async () => {
    const { client, vendor } = setupClient(server);
    await settle(
      client.generate({
        prompt: "a fox",
        aspectRatio: "1:1",
        outputFormat: "png",
        referenceImages: ["https://example.test/a.png"],
        providerOptions: { acme: { style: "ink" }, other: { ignored: true } },
      }),
    );
    expect(vendor.tasks.get("task_1")?.body).toEqual({
      model: "fast",
      prompt: "a fox",
      ratio: "1:1",
      format: "png",
      images: ["https://example.test/a.png"],
    });
  });

  it("polls first one interval after the per-resolution latency's low end when the vendor gives no advice", async () => {
    const { client, events } = setupClient(server, { durationMs: 40_000, poll: { jitter: 0 } });
    const start = Date.now();
    await settle(client.generate({ model: "acme:large", prompt: "a fox", resolution: "2K" }));
    const first = events.find((event) => event.type === "poll");
    expect(first && first.at - start).toBe(33_000);
  });

  it("lets a call override the poll schedule", async () => {
    const { client, vendor } = setupClient(server, { durationMs: 15_000 });
    await settle(
      client.generate({ prompt: "a fox", poll: { initialDelayMs: 1_000, intervalMs: 1_000, jitter: 0 } }),
    );
    expect(vendor.calls.status).toBe(15);
  });

  it("ignores a vendor's state regression: no backward event, keeps polling", async () => {
    const { client, events } = setupClient(server);
    const answers = ["working", "waiting", "working", "done"];
    server.use(
      http.get(`${ACME_BASE_URL}/tasks/:id`, ({ params }) => {
        const status = answers.shift();
        return HttpResponse.json({
          id: params.id,
          status,
          urls: status === "done" ? ["https://cdn.acme.test/x.png"] : [],
        });
      }),
    );
    const { value } = await settle(client.generate({ prompt: "a fox" }));
    expect(value?.status.state).toBe("succeeded");
    const states = events.flatMap((event) => (event.type === "state" ? [event.state] : []));
    expect(states).toEqual(["queued", "running", "succeeded"]);
  });
});

describe("generate: tasks the vendor fails", () => {
  it("content refusals are ContentPolicyError and say what to change", async () => {
    const { client } = setupClient(server);
    const { error } = await settle(client.generate({ prompt: "fail:NSFW" }));
    expect(ContentPolicyError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ provider: "acme", taskId: "task_1", retryable: false });
    expect((error as Error).message).toMatch(/Change the prompt/);
  });

  it("temporary failures are retryable TaskFailedError with the vendor's code; never resubmitted", async () => {
    const { client, vendor } = setupClient(server);
    const { error } = await settle(client.generate({ prompt: "fail:BUSY" }));
    expect(TaskFailedError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ failCode: "BUSY", retryable: true });
    expect(vendor.calls.submit).toBe(1);
  });

  it("an empty account is InsufficientBalanceError", async () => {
    const { client } = setupClient(server);
    const { error } = await settle(client.generate({ prompt: "fail:NO_CREDIT" }));
    expect(error).toMatchObject({ name: "InsufficientBalanceError", taskId: "task_1" });
    expect((error as Error).message).toContain("Top up the acme account");
  });

  it("a failed state without a reason is still a TaskFailedError", async () => {
    const { client } = setupClient(server);
    server.use(
      http.get(`${ACME_BASE_URL}/tasks/:id`, ({ params }) =>
        HttpResponse.json({ id: params.id, status: "error" }),
      ),
    );
    const { error } = await settle(client.generate({ prompt: "a fox" }));
    expect(error).toMatchObject({ name: "TaskFailedError", failCode: "UNKNOWN", retryable: false });
  });

  it("other failures are final TaskFailedError", async () => {
    const { client } = setupClient(server);
    const { error } = await settle(client.generate({ prompt: "fail:BAD_INPUT" }));
    expect(error).toMatchObject({ name: "TaskFailedError", failCode: "BAD_INPUT", retryable: false });
  });
});

describe("generate: submit faults", () => {
  it("a 429 is retried after Retry-After, creating exactly one task", async () => {
    const { client, vendor, events } = setupClient(server);
    let refusals = 1;
    server.use(
      http.post(`${ACME_BASE_URL}/tasks`, () => {
        if (refusals-- > 0) {
          return HttpResponse.json(
            { message: "slow down" },
            { status: 429, headers: { "retry-after": "7" } },
          );
        }
      }),
    );
    const { value } = await settle(client.generate({ prompt: "a fox" }));
    expect(value?.status.state).toBe("succeeded");
    expect(vendor.calls.submit).toBe(2);
    expect(vendor.tasks.size).toBe(1);
    const retry = events.find((event) => event.type === "retry");
    expect(retry).toMatchObject({ phase: "submit", attempt: 1, delayMs: 7_000 });
    expect(RateLimitError.isInstance(retry?.type === "retry" && retry.error)).toBe(true);
  });

  for (const status of [500, 502, 504]) {
    it(`a ${status} is SubmitOutcomeUnknownError, never a second submit`, async () => {
      const { client, vendor } = setupClient(server);
      server.use(http.post(`${ACME_BASE_URL}/tasks`, () => new HttpResponse("oops", { status })));
      const { error } = await settle(client.generate({ prompt: "a fox" }));
      expect(SubmitOutcomeUnknownError.isInstance(error)).toBe(true);
      expect(vendor.calls.submit).toBe(1);
    });
  }

  it("a reset connection after sending is SubmitOutcomeUnknownError", async () => {
    const { client, vendor } = setupClient(server);
    server.use(http.post(`${ACME_BASE_URL}/tasks`, () => HttpResponse.error()));
    const { error } = await settle(client.generate({ prompt: "a fox" }));
    expect(SubmitOutcomeUnknownError.isInstance(error)).toBe(true);
    expect(vendor.calls.submit).toBe(1);
  });

  it("a wrong key is AuthenticationError, not retried, and the key appears nowhere", async () => {
    const { client, vendor } = setupClient(server, {
      providers: { acme: acme({ apiKey: "wrong-key-456" }) },
    });
    const { error } = await settle(client.generate({ prompt: "a fox" }));
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 401 });
    expect(vendor.calls.submit).toBe(1);
    const everything = `${(error as Error).message} ${(error as Error).stack} ${JSON.stringify(error)}`;
    expect(everything).not.toContain("wrong-key-456");
  });

  it("a missing key fails the first call, names the variable, sends nothing", async () => {
    const { client, vendor } = setupClient(server, { providers: { acme: acme() } });
    const { error } = await settle(client.generate({ prompt: "a fox" }));
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain("ACME_API_KEY");
    expect(vendor.calls.submit).toBe(0);
  });
});

describe("generate: status faults", () => {
  it("recovers from 5xx, resets and malformed bodies without resubmitting", async () => {
    const { client, vendor, events } = setupClient(server, { retry: { maxAttempts: 5 } });
    const faults = [
      () => new HttpResponse("bad gateway", { status: 502 }),
      () => HttpResponse.error(),
      () => new HttpResponse("<html>oops</html>", { status: 200, headers: { "content-type": "text/html" } }),
      () => HttpResponse.json({ unexpected: true }),
    ];
    server.use(http.get(`${ACME_BASE_URL}/tasks/:id`, () => faults.shift()?.()));
    const { value } = await settle(client.generate({ prompt: "a fox" }));
    expect(value?.status.state).toBe("succeeded");
    expect(vendor.calls.submit).toBe(1);
    const reasons = events.flatMap((event) =>
      event.type === "retry" ? [(event.error as ProviderError).reason] : [],
    );
    expect(reasons).toEqual(["server", "network", "malformed", "malformed"]);
  });

  it("an unknown state is an error after a bounded number of polls", async () => {
    const { client, vendor } = setupClient(server, { retry: { maxAttempts: 3 } });
    server.use(
      http.get(`${ACME_BASE_URL}/tasks/:id`, ({ params }) =>
        HttpResponse.json({ id: params.id, status: "moderating" }),
      ),
    );
    const { error } = await settle(client.generate({ prompt: "a fox" }));
    expect(error).toMatchObject({ name: "ProviderError", reason: "unknown_state" });
    expect(vendor.calls.status).toBe(3);
  });

  it("a status 401 is not retried", async () => {
    const { client, vendor } = setupClient(server);
    server.use(
      http.get(`${ACME_BASE_URL}/tasks/:id`, () =>
        HttpResponse.json({ message: "revoked" }, { status: 401 }),
      ),
    );
    const { error } = await settle(client.generate({ prompt: "a fox" }));
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain("revoked");
    expect(vendor.calls.status).toBe(1);
  });
});

describe("events", () => {
  it("a listener that throws does not break the task", async () => {
    const errors: string[] = [];
    const { client } = setupClient(server, {
      onEvent: () => {
        throw new Error("listener bug");
      },
      logger: { error: (message) => errors.push(message) },
    });
    const { value } = await settle(client.generate({ prompt: "a fox" }));
    expect(value?.status.state).toBe("succeeded");
    expect(errors.length).toBeGreaterThan(0);
  });
});

describe("pass-through models", () => {
  it("an id declared to the adapter is sent as is, with the adapter's pass-through capabilities", async () => {
    const { client, vendor } = setupClient(server, {
      providers: { acme: acme({ apiKey: ACME_KEY, passThrough: ["flux-9"] }) },
    });
    const { value } = await settle(client.generate({ model: "acme:flux-9", prompt: "a fox" }));
    expect(value?.handle.model).toBe("flux-9");
    expect(vendor.tasks.get("task_1")?.body.model).toBe("flux-9");
  });

  it("a stored handle of a model no longer configured still resumes on the default schedule", async () => {
    const { client } = setupClient(server);
    const handle = await client.submit({ prompt: "a fox" });
    const { value } = await settle(
      client.wait({ ...handle, model: "retired", expectedLatencyMs: undefined }),
    );
    expect(value?.status.state).toBe("succeeded");
  });
});

describe("models", () => {
  it("lists every configured model with its capabilities", () => {
    const client = createImageClient({ providers: { acme: acme({ apiKey: ACME_KEY }) } });
    expect(client.models().map((model) => model.id)).toEqual(["acme:fast", "acme:large"]);
    expect(client.models()[1]?.capabilities.resolutions).toEqual(["1K", "2K"]);
  });
});
