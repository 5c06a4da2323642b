import { createImageClient, type TaskHandle, ValidationError } from "@org/imagegen-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FACTORIES, FAST, VENDORS, type Vendor } from "./support/loopback-client.js";
import { outcomeOf } from "./support/outcome.js";
import { startReceiver } from "./support/receiver.js";
import type { ReliabilityRow } from "./support/rows.js";

// Task ids and model ids go into URL paths (`statusTask/{model}`, `v1/result/{id}`). A `.` or `..` there is a
// dot segment: URL normalisation turns `statusTask/..?taskId=…` into a request for the API root, with the key
// attached. Such ids are refused before anything is sent, whether they come from a tampered handle, a request,
// the client's config, or the vendor's own submit answer.

const GROUP = "Identifiers in URL paths";
const KEY = "sk-path-test-key";
const DOT_SEGMENTS = [".", "..", "%2e%2E", "a/../..", "a\\.."];

/** A vendor that accepts every submit with the task id the test chooses, and records every request. */
let taskIdToReturn = "task_ok";
let vendorServer: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  vendorServer = await startReceiver((request) => {
    const url = new URL(request.url);
    if (request.method === "POST" && url.pathname.includes("/generateTask/"))
      return Response.json({ code: 200, message: "success", data: { taskId: taskIdToReturn } });
    if (request.method === "POST" && url.pathname.endsWith("/v1/banana/images"))
      return Response.json({ id: taskIdToReturn, status: "queued", created: 1 });
    return Response.json({ code: 404, message: "Task not found", data: null }, { status: 404 });
  });
});
afterAll(() => vendorServer.close());
beforeEach(() => {
  vendorServer.received.length = 0;
  taskIdToReturn = "task_ok";
});

const BASE: Record<Vendor, string> = { apixo: "/api/v1", xingchaoyiqing: "/kyyReactApiServer" };
const clientFor = (vendor: Vendor, defaultModel = `${vendor}:nano-banana`) =>
  createImageClient({
    providers: {
      [vendor]: FACTORIES[vendor]({ baseUrl: `${vendorServer.origin}${BASE[vendor]}`, apiKey: KEY }),
    },
    defaultModel,
    ...FAST,
    timeoutMs: 2_000,
  });

describe("identifiers that would be URL dot segments", () => {
  for (const vendor of VENDORS) {
    it(`${vendor}: a handle whose taskId or model is a dot segment is refused by wait() and getStatus()`, async ({
      task,
    }) => {
      const client = clientFor(vendor);
      const outcomes = new Set<string>();
      const tampered: TaskHandle[] = DOT_SEGMENTS.flatMap((id) => [
        { provider: vendor, model: "nano-banana", taskId: id, submittedAt: new Date().toISOString() },
        { provider: vendor, model: id, taskId: "task_1", submittedAt: new Date().toISOString() },
      ]);
      for (const handle of tampered) {
        for (const call of [() => client.wait(handle), () => client.getStatus(handle)]) {
          const error = await call().catch((thrown: unknown) => thrown);
          outcomes.add(outcomeOf(error));
          expect(ValidationError.isInstance(error), `${JSON.stringify(handle)}: ${String(error)}`).toBe(true);
        }
      }
      const sent = vendorServer.received.length;
      task.meta.reliability = {
        section: "check",
        group: GROUP,
        check: `${vendor}: \`wait()\` and \`getStatus()\` with a handle whose taskId or model is ${DOT_SEGMENTS.map((id) => `\`${id}\``).join(", ")}`,
        outcome: `${[...outcomes].join(", ")}; ${sent} HTTP requests`,
      } satisfies ReliabilityRow;
      expect(sent).toBe(0);
    });
  }

  it('a request for model "apixo:..", or a client whose defaultModel is one, is refused', async ({
    task,
  }) => {
    const outcomes = new Set<string>();
    for (const id of DOT_SEGMENTS) {
      const request = clientFor("apixo").submit({ model: `apixo:${id}`, prompt: "a fox" });
      outcomes.add(outcomeOf(await request.catch((thrown: unknown) => thrown)));
      const creation = await Promise.resolve()
        .then(() => clientFor("apixo", `apixo:${id}`))
        .catch((thrown: unknown) => thrown);
      outcomes.add(outcomeOf(creation));
    }
    const sent = vendorServer.received.length;
    task.meta.reliability = {
      section: "check",
      group: GROUP,
      check: `a request's \`model\` and the client's \`defaultModel\` of \`apixo:\` + each of the same ids (APIXO passes unknown models through)`,
      outcome: `${[...outcomes].join(", ")}; ${sent} HTTP requests`,
    } satisfies ReliabilityRow;
    expect([...outcomes]).toEqual(["ValidationError"]);
    expect(sent).toBe(0);
  });

  for (const vendor of VENDORS) {
    it(`${vendor}: a submit answer whose task id is a dot segment or holds a slash is never polled`, async ({
      task,
    }) => {
      const outcomes = new Set<string>();
      const ids = [".", "..", "a/b"];
      for (const id of ids) {
        taskIdToReturn = id;
        const error = await clientFor(vendor)
          .generate({ prompt: "a fox" })
          .catch((thrown: unknown) => thrown);
        outcomes.add(outcomeOf(error));
        outcomes.add(`cause: ${outcomeOf((error as Error).cause)}`);
      }
      const calls = vendorServer.received.map(({ url }) => new URL(url).pathname);
      const polls = calls.filter((path) => !/generateTask|banana\/images/.test(path));
      task.meta.reliability = {
        section: "check",
        group: GROUP,
        check: `${vendor}: the vendor's submit answer names task ${ids.map((id) => `\`${id}\``).join(", ")}`,
        outcome: `${[...outcomes].join(", ")}; ${calls.length - polls.length} submits, ${polls.length} status calls`,
      } satisfies ReliabilityRow;
      expect([...outcomes]).toEqual(["SubmitOutcomeUnknownError", "cause: ProviderError (malformed)"]);
      expect(polls).toEqual([]);
    });
  }
});
