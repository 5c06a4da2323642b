import {
  ASPECT_RATIOS,
  createImageClient,
  ImageGenError,
  OUTPUT_FORMATS,
  RESOLUTIONS,
  ValidationError,
} from "@org/imagegen-core";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FACTORIES, loopbackClient, VENDORS, type Vendor } from "./support/loopback-client.js";
import { startReceiver } from "./support/receiver.js";
import type { ReliabilityRow } from "./support/rows.js";

// Property-based: arbitrary requests from callers and arbitrary answers from vendors. A request the chosen
// model cannot take is refused before anything is sent; whatever a vendor answers, the caller gets a result
// or one of our typed errors, never a crash.

const RUNS = 300;

const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined, freq: 2 });
const oddValue = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.boolean());
/** Mostly a value the interface knows, sometimes anything at all. */
const mostly = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: valid, weight: 6 }, { arbitrary: oddValue as fc.Arbitrary<unknown>, weight: 1 });

const requestArbitrary = fc.record({
  model: fc.constantFrom(
    "apixo:nano-banana",
    "apixo:nano-banana-pro",
    "xingchaoyiqing:nano-banana",
    "xingchaoyiqing:nano-banana-pro",
    "xingchaoyiqing:not-a-model",
    "nobody:nano-banana",
  ),
  prompt: mostly(fc.oneof(fc.string({ maxLength: 60 }), fc.string({ minLength: 4_990, maxLength: 5_010 }))),
  aspectRatio: maybe(mostly(fc.constantFrom(...ASPECT_RATIOS))),
  resolution: maybe(mostly(fc.constantFrom(...RESOLUTIONS))),
  outputFormat: maybe(mostly(fc.constantFrom(...OUTPUT_FORMATS))),
  referenceImages: maybe(fc.array(mostly(fc.webUrl({ validSchemes: ["https"] })), { maxLength: 12 })),
  providerOptions: maybe(
    fc.oneof(fc.constant({}), fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 2 })),
  ),
});

describe("bad input", () => {
  it(`arbitrary requests (${RUNS} runs): accepted, or a ValidationError with zero HTTP requests`, async ({
    task,
  }) => {
    const apixoSide = await loopbackClient("apixo");
    const xingSide = await loopbackClient("xingchaoyiqing");
    const client = createImageClient({
      providers: {
        apixo: FACTORIES.apixo({ baseUrl: apixoSide.emulator.baseUrl, apiKey: apixoSide.emulator.apiKey }),
        xingchaoyiqing: FACTORIES.xingchaoyiqing({
          baseUrl: xingSide.emulator.baseUrl,
          apiKey: xingSide.emulator.apiKey,
        }),
      },
      strict: true,
    });
    const requestsSent = () => apixoSide.emulator.requests.length + xingSide.emulator.requests.length;
    let rejected = 0;
    let accepted = 0;
    try {
      await fc.assert(
        fc.asyncProperty(requestArbitrary, async (request) => {
          const before = requestsSent();
          const outcome = await client.submit(request as never).then(
            () => "accepted",
            (error: unknown) => error,
          );
          if (outcome === "accepted") {
            accepted++;
            return;
          }
          rejected++;
          expect(ValidationError.isInstance(outcome), String(outcome)).toBe(true);
          expect(requestsSent()).toBe(before);
        }),
        { numRuns: RUNS, seed: 20261123 },
      );
    } finally {
      await Promise.all([apixoSide.close(), xingSide.close()]);
    }
    task.meta.reliability = {
      section: "check",
      group: "Bad input (fast-check)",
      check: `${RUNS} arbitrary unified requests, fixed seed`,
      outcome: `${rejected} refused with ValidationError and 0 HTTP requests; ${accepted} accepted by the emulator`,
    } satisfies ReliabilityRow;
    expect(rejected).toBeGreaterThan(0);
    expect(accepted).toBeGreaterThan(0);
  });

  describe("arbitrary vendor answers never crash the client", () => {
    // A vendor that answers every call with whatever the property hands it.
    let answer: { status: number; body: string } = { status: 200, body: "" };
    let fakeVendor: Awaited<ReturnType<typeof startReceiver>>;
    let baseUrl: string;
    beforeAll(async () => {
      fakeVendor = await startReceiver(
        () =>
          new Response(answer.body, {
            status: answer.status,
            headers: { "content-type": "application/json" },
          }),
      );
      baseUrl = `${fakeVendor.origin}/api`;
    });
    afterAll(() => fakeVendor.close());

    // Bodies near the documented shapes reach the deep end of the readers; pure noise tests the front door.
    const envelope = fc.record({
      code: mostly(fc.constant(200)),
      message: mostly(fc.string()),
      data: fc.oneof(
        { arbitrary: fc.jsonValue(), weight: 1 },
        {
          arbitrary: fc.record({
            taskId: mostly(fc.string({ minLength: 1 })),
            state: mostly(fc.constantFrom("pending", "processing", "success", "failed")),
            resultJson: fc.oneof(
              fc.webUrl().map((url) => JSON.stringify({ resultUrls: [url] })),
              fc.json(),
              oddValue,
            ),
            failCode: fc.oneof(fc.constantFrom("CONTENT_VIOLATION", "TIMEOUT"), oddValue),
            createTime: mostly(fc.integer({ min: 0 })),
          }),
          weight: 4,
        },
      ),
    });
    const xingBody = fc.record({
      id: mostly(fc.string({ minLength: 1 })),
      status: mostly(fc.constantFrom("queued", "processing", "completed", "failed")),
      image_url: fc.oneof(fc.webUrl(), fc.string(), oddValue),
      error: fc.oneof(fc.string(), oddValue, fc.jsonValue()),
      created: mostly(fc.integer({ min: 0 })),
    });
    const bodyArbitrary = fc.oneof(
      fc.string(),
      fc.json(),
      envelope.map((value) => JSON.stringify(value)),
      xingBody.map((value) => JSON.stringify(value)),
    );
    const statusArbitrary = fc.constantFrom(200, 200, 200, 201, 400, 401, 402, 404, 429, 500, 502);

    for (const vendor of VENDORS) {
      it(`${vendor}: ${RUNS} arbitrary answers to submit and status calls`, async ({ task }) => {
        const client = createImageClient({
          providers: { [vendor]: FACTORIES[vendor as Vendor]({ baseUrl, apiKey: "sk-property-test-key" }) },
          retry: { maxAttempts: 1 },
        });
        const model = `${vendor}:nano-banana`;
        const handle = {
          provider: vendor,
          model: "nano-banana",
          taskId: "t1",
          submittedAt: new Date().toISOString(),
        };
        const outcomes = { results: 0, typedErrors: 0 };
        await fc.assert(
          fc.asyncProperty(statusArbitrary, bodyArbitrary, fc.boolean(), async (status, body, submit) => {
            answer = { status, body };
            const call = submit ? client.submit({ model, prompt: "a fox" }) : client.getStatus(handle);
            const error = await call.then(
              () => undefined,
              (thrown: unknown) => thrown,
            );
            if (error === undefined) outcomes.results++;
            else outcomes.typedErrors++;
            expect(error === undefined || ImageGenError.isInstance(error), String(error)).toBe(true);
          }),
          { numRuns: RUNS, seed: 20261123 },
        );
        task.meta.reliability = {
          section: "check",
          group: "Bad input (fast-check)",
          check: `${vendor}: ${RUNS} arbitrary vendor answers (status code and body) to submit and status calls`,
          outcome: `0 crashes: ${outcomes.results} read as results, ${outcomes.typedErrors} as typed errors`,
        } satisfies ReliabilityRow;
      });
    }
  });
});
