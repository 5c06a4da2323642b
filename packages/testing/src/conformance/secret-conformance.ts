import { describe, expect, it } from "vitest";
import type { AdapterConformanceOptions } from "./adapter-spec.js";
import { type conformanceWorld, fails, settle, succeeds } from "./conformance-world.js";

const WRONG_KEY = "wrong-key-2c71e9d04f5a";

/** Everything a user may log, store or show, as one string to search for a key. */
const exposed = (...things: unknown[]) =>
  things
    .map((thing) =>
      thing instanceof Error
        ? `${JSON.stringify(thing)} ${thing.message} ${thing.stack} ${String(thing.cause)} ${
            (thing as { responseBody?: unknown }).responseBody
          }`
        : JSON.stringify(thing),
    )
    .join("\n");

/** The API key goes to the vendor's API and nowhere else: no error, event, handle or other host sees it. */
export function describeSecrets(
  world: ReturnType<typeof conformanceWorld>,
  _options: AdapterConformanceOptions,
) {
  describe("the API key", () => {
    it("a wrong key is the vendor's 401: an AuthenticationError that does not repeat it", async () => {
      const { client, emulator } = world.run({ apiKey: WRONG_KEY });
      const error = await fails(client.generate({ prompt: "a fox" }));
      expect(error).toMatchObject({ name: "AuthenticationError", statusCode: 401, retryable: false });
      expect(exposed(error)).not.toContain(WRONG_KEY);
      expect(emulator.stats().tasksCreated).toBe(0);
    });

    it("echoed back by the vendor, is redacted from the error: read answers with the HTTP client's read", async () => {
      const { client, emulator } = world.run();
      emulator.inject("submit", {
        kind: "http",
        status: 400,
        message: `bad request for key ${emulator.apiKey}`,
      });
      const error = await fails(client.generate({ prompt: "a fox" }));
      expect(error).toMatchObject({ name: "ValidationError" });
      expect(exposed(error)).not.toContain(emulator.apiKey);
    });

    it("is in no handle, status, event or error, whatever happens to the task", async () => {
      const { client, emulator, events } = world.run();
      const seen: unknown[] = [];
      const done = await succeeds(client.generate({ prompt: "a fox" }));
      seen.push(done, done.handle, done.status);
      seen.push(
        (await settle(client.generate({ prompt: "a fox [emulator: fail=CONTENT_VIOLATION]" }))).error,
      );
      emulator.inject("submit", { kind: "http", status: 500, after: true });
      seen.push((await settle(client.generate({ prompt: "a heron" }))).error);
      emulator.inject("status", { kind: "http", status: 401 }, { times: 5 });
      seen.push((await settle(client.getStatus(done.handle))).error);
      expect(seen.filter((thing) => thing instanceof Error)).toHaveLength(3);
      expect(exposed(...seen, ...events)).not.toContain(emulator.apiKey);
    });

    it("is sent to the vendor's API only, never to another host", async () => {
      const { client, emulator, sent } = world.run();
      const result = await succeeds(client.generate({ prompt: "a fox" }));
      await fetch(result.images[0]?.url ?? "");
      const keyed = sent.filter((request) => request.headers.get("authorization") !== null);
      expect(keyed.length).toBeGreaterThan(0);
      for (const request of keyed) expect(request.url.startsWith(emulator.baseUrl)).toBe(true);
      expect(emulator.requests.filter((request) => request.call === "file")).toEqual([
        expect.objectContaining({ authorization: null, status: 200 }),
      ]);
    });
  });
}
