import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { downloadImage, type ImageGenEvent } from "../index.js";
import { ACME_BASE_URL, acme } from "../test-support/acme-provider.js";
import { ACME_KEY } from "../test-support/acme-server.js";
import { settle, setupClient, useMswServer } from "../test-support/harness.js";

const server = useMswServer();

function dump(value: unknown): string {
  if (value instanceof Error)
    return `${value.message}\n${value.stack}\n${JSON.stringify(value)}\n${dump(value.cause)}`;
  return JSON.stringify(value, (_, v) => (v instanceof Error ? dump(v) : v)) ?? "";
}

describe("the API key stays secret", () => {
  it("appears in no event, log line, handle or error across a full run with faults", async () => {
    const logged: unknown[] = [];
    const log = (message: string, fields?: unknown) => logged.push([message, fields]);
    const { client, events } = setupClient(server, {
      logger: { debug: log, info: log, warn: log, error: log },
      retry: { maxAttempts: 2 },
    });
    const faults = [() => HttpResponse.json({ message: `bad key ${ACME_KEY}` }, { status: 503 })];
    server.use(http.get(`${ACME_BASE_URL}/tasks/:id`, () => faults.shift()?.()));
    const { value } = await settle(client.generate({ prompt: "a fox" }));
    const failed = await settle(client.generate({ prompt: "fail:BUSY" }));
    expect(logged.length).toBeGreaterThan(0);
    const everything = [dump(events), dump(logged), dump(value), dump(failed.error)].join("\n");
    expect(everything).not.toContain(ACME_KEY);
  });

  it("keeps the vendor's error body but never our key in it", async () => {
    const { client } = setupClient(server, { providers: { acme: acme({ apiKey: "sk-live-0000" }) } });
    const { error } = await settle(client.generate({ prompt: "a fox" }));
    expect(error).toMatchObject({ statusCode: 401, responseBody: '{"message":"invalid api key"}' });
    expect(dump(error)).not.toContain("sk-live-0000");
  });

  it("is sent to the API host only, never to result URLs", async () => {
    const { client, vendor } = setupClient(server);
    const { value } = await settle(client.generate({ prompt: "a fox" }));
    await downloadImage(value?.images[0] ?? "");
    const byHost = vendor.requests.map((request) => [
      new URL(request.url).host,
      request.headers.get("authorization"),
    ]);
    expect(byHost).toContainEqual(["cdn.acme.test", null]);
    for (const [host, authorization] of byHost) {
      expect(authorization === `Bearer ${ACME_KEY}`).toBe(host === "api.acme.test");
    }
  });

  it("is not followed across a redirect to another host", async () => {
    const { client, vendor } = setupClient(server);
    server.use(
      http.get(
        `${ACME_BASE_URL}/tasks/:id`,
        () => new HttpResponse(null, { status: 302, headers: { location: "https://evil.test/steal" } }),
      ),
      http.get("https://evil.test/steal", () =>
        HttpResponse.json({ id: "task_1", status: "done", urls: [] }),
      ),
    );
    const events: ImageGenEvent[] = [];
    const { error } = await settle(
      client.generate({ prompt: "a fox", onEvent: (event) => events.push(event) }),
    );
    expect(error).toMatchObject({ name: "ProviderError", statusCode: 302 });
    expect(vendor.requests.map((request) => new URL(request.url).host)).not.toContain("evil.test");
  });
});
