import type { ImageClient, TaskStatus } from "@org/imagegen-core";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import type { AdapterConformanceOptions } from "./adapter-spec.js";
import { type conformanceWorld, settle, succeeds } from "./conformance-world.js";

const HOOK = "https://app.example/hooks/imagegen";
const SECRET = "conformance-callback-secret-0b8e2f6a";

/** parseCallback reads what polling reads, through the same normaliser; callbacks end a wait when the vendor has them. */
export function describeCallbacks(
  world: ReturnType<typeof conformanceWorld>,
  options: AdapterConformanceOptions,
) {
  /** The vendor's status answer for a task, fetched as the adapter would, to hand to parseCallback. */
  async function statusBody(baseUrl: string, apiKey: string, taskId: string): Promise<unknown> {
    const { method, path } = options.wire.status;
    const response = await fetch(`${baseUrl}${path(taskId)}`, {
      method,
      headers: { authorization: `Bearer ${apiKey}` },
    });
    return response.json();
  }

  const comparable = (status: TaskStatus) => ({
    taskId: status.taskId,
    state: status.state,
    images: status.images?.map((image) => image.url),
    failure: status.failure && { kind: status.failure.kind, code: status.failure.code },
  });

  describe("callbacks", () => {
    for (const [what, prompt] of [
      ["a succeeded task", "a fox"],
      ["a refused task", "a fox [emulator: fail=CONTENT_VIOLATION]"],
    ] as const) {
      it(`parseCallback reads ${what}'s status body as getStatus does`, async () => {
        const { client, emulator } = world.run();
        const handle = await succeeds(client.submit({ prompt }));
        await settle(client.wait(handle));
        const polled = await succeeds(client.getStatus(handle));
        const body = await statusBody(emulator.baseUrl, emulator.apiKey, handle.taskId);
        const adapter = options.adapter({ apiKey: emulator.apiKey, baseUrl: emulator.baseUrl });
        expect(comparable(adapter.parseCallback(body, new Headers()))).toEqual(comparable(polled));
      });
    }

    it("parseCallback refuses a body that is not the vendor's: a ProviderError, nothing guessed", () => {
      const adapter = options.adapter({ apiKey: "unused", baseUrl: world.vendor().baseUrl });
      for (const body of [null, "done", 42, { hello: "world" }]) {
        expect(() => adapter.parseCallback(body, new Headers())).toThrow(
          expect.objectContaining({ name: "ProviderError" }),
        );
      }
    });

    if (world.vendor().callbacks) {
      it("a delivery, confirmed with one status call, ends the wait before any poll", async () => {
        let client: ImageClient | undefined;
        const received: unknown[] = [];
        world.server.use(
          http.post(HOOK, async ({ request }) => {
            received.push(await (client as ImageClient).handleCallback(request));
            return new HttpResponse(null, { status: 200 });
          }),
        );
        const run = world.run({
          emulator: { durationMs: 1_000 },
          client: { callback: { url: HOOK, secret: SECRET }, poll: { jitter: 0, initialDelayMs: 600_000 } },
        });
        client = run.client;
        const result = await succeeds(run.client.generate({ prompt: "a fox" }));
        expect(JSON.stringify(run.emulator.tasks()[0]?.request)).toContain(HOOK);
        expect(received).toEqual([
          expect.objectContaining({ state: "succeeded", taskId: result.handle.taskId }),
        ]);
        expect(run.emulator.stats().statusCalls).toBe(1);
      });
    } else {
      it("a client in callback mode polls this vendor, which sends no callbacks", async () => {
        const { client, emulator } = world.run({ client: { callback: { url: HOOK, secret: SECRET } } });
        const result = await succeeds(client.generate({ prompt: "a fox" }));
        expect(result.status.state).toBe("succeeded");
        expect(JSON.stringify(emulator.tasks()[0]?.request)).not.toContain(HOOK);
        expect(emulator.deliveries).toHaveLength(0);
      });
    }
  });
}
