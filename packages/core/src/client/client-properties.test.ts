import fc from "fast-check";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { createImageClient, ImageGenError, type TaskHandle, ValidationError } from "../index.js";
import { ACME_BASE_URL, acme } from "../test-support/acme-provider.js";
import { ACME_KEY, createAcmeServer } from "../test-support/acme-server.js";
import { recordRequests, useMswServer } from "../test-support/harness.js";

const server = useMswServer();

/** Mostly a plausible value, sometimes anything at all. */
const mostly = <T>(plausible: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: plausible, weight: 6 }, { arbitrary: fc.anything(), weight: 1 });

/** Request-shaped objects: plausible fields, often wrong in type, range or name. */
const requestLike = fc.record(
  {
    model: mostly(fc.constantFrom("acme:fast", "acme:large", "acme:none", "acme", "x:y")),
    prompt: mostly(fc.string({ maxLength: 120 })),
    aspectRatio: mostly(fc.constantFrom("1:1", "16:9", "9:16", "auto", "7:3")),
    resolution: mostly(fc.constantFrom("1K", "2K", "4K", "2k")),
    outputFormat: mostly(fc.constantFrom("png", "jpeg", "webp")),
    referenceImages: mostly(fc.array(fc.oneof(fc.webUrl(), fc.string()), { maxLength: 3 })),
    providerOptions: mostly(fc.dictionary(fc.string(), fc.dictionary(fc.string(), fc.jsonValue()))),
    aspect_ratio: fc.string(),
  },
  { requiredKeys: ["prompt"] },
);

describe("arbitrary requests", () => {
  it("are either submitted with exactly one request or rejected with ValidationError and none", async () => {
    const vendor = createAcmeServer();
    server.use(...vendor.handlers);
    const client = createImageClient({
      providers: { acme: acme({ apiKey: ACME_KEY }) },
      defaultModel: "acme:fast",
    });
    const seen = { submitted: 0, rejected: 0 };
    await fc.assert(
      fc.asyncProperty(requestLike, async (request) => {
        const requests = recordRequests(server);
        const outcome = await client.submit(request as never).then(
          (handle) => ({ handle }),
          (error: unknown) => ({ error }),
        );
        server.events.removeAllListeners();
        if ("error" in outcome) {
          seen.rejected++;
          expect(ValidationError.isInstance(outcome.error)).toBe(true);
          expect(requests).toHaveLength(0);
        } else {
          seen.submitted++;
          expect(outcome.handle.taskId).toMatch(/^task_/);
          expect(requests).toHaveLength(1);
        }
      }),
      { numRuns: 300, seed: 20261122 },
    );
    // The generator must reach both outcomes, or the property proves nothing.
    expect(seen.submitted).toBeGreaterThan(0);
    expect(seen.rejected).toBeGreaterThan(0);
  });
});

describe("arbitrary vendor answers", () => {
  it("never crash the client: a normalised status or a typed error", async () => {
    let answer: () => Response = () => HttpResponse.json({});
    server.use(http.get(`${ACME_BASE_URL}/tasks/:id`, () => answer()));
    const client = createImageClient({
      providers: { acme: acme({ apiKey: ACME_KEY }) },
      retry: { maxAttempts: 1 },
    });
    const handle: TaskHandle = {
      provider: "acme",
      model: "fast",
      taskId: "t1",
      submittedAt: new Date().toISOString(),
    };
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          id: mostly(fc.string()),
          status: mostly(fc.constantFrom("waiting", "working", "done", "error", "paused")),
          urls: mostly(fc.array(fc.string())),
          error: mostly(fc.record({ code: fc.string(), message: fc.string() })),
        },
        { requiredKeys: [] },
      ),
    );
    const response = fc.oneof(
      body.map((json) => () => HttpResponse.json(json as never)),
      fc.tuple(fc.integer({ min: 200, max: 599 }), fc.string()).map(
        ([status, text]) =>
          () =>
            new HttpResponse(text, { status }),
      ),
    );
    const seen = { statuses: 0, errors: 0 };
    await fc.assert(
      fc.asyncProperty(response, async (respond) => {
        answer = respond;
        const outcome = await client.getStatus(handle).then(
          (status) => ({ status }),
          (error: unknown) => ({ error }),
        );
        if ("error" in outcome) {
          seen.errors++;
          expect(ImageGenError.isInstance(outcome.error)).toBe(true);
        } else {
          seen.statuses++;
          expect(["queued", "running", "succeeded", "failed"]).toContain(outcome.status.state);
        }
      }),
      { numRuns: 300, seed: 20261122 },
    );
    expect(seen.statuses).toBeGreaterThan(0);
    expect(seen.errors).toBeGreaterThan(0);
  });
});
