import { createImageClient, downloadImage, type ImageGenEvent, type TaskHandle } from "@org/imagegen-core";
import type { Fault } from "@org/imagegen-testing";
import { describe, expect, it } from "vitest";
import { FACTORIES, FAST, loopbackClient, MODEL, VENDORS } from "./support/loopback-client.js";
import { startReceiver } from "./support/receiver.js";
import type { ReliabilityRow } from "./support/rows.js";

// The API key must never show up in an error (message, stack, JSON), a log line, an event or a saved handle,
// and must never be sent anywhere but the configured API base: not to the result host, not after a redirect.

const KEY = "sk-live-Zq8vN2rT5wX9pL3m";
const WRONG_KEY = "sk-live-Wrong0000Key1111";

/** Everything a caller or an operator could see, as text. */
function exposure() {
  const seen: string[] = [];
  const logger = Object.fromEntries(
    (["debug", "info", "warn", "error"] as const).map((level) => [
      level,
      (message: string, fields?: Record<string, unknown>) =>
        seen.push(`${level} ${message} ${safeJson(fields)}`),
    ]),
  );
  const onEvent = (event: ImageGenEvent) => seen.push(safeJson(event));
  const error = (thrown: unknown) => {
    if (thrown instanceof Error) {
      seen.push(thrown.message, thrown.stack ?? "", safeJson(thrown), String(thrown));
      let cause: unknown = thrown.cause;
      while (cause instanceof Error) {
        seen.push(cause.message, cause.stack ?? "");
        cause = cause.cause;
      }
    } else seen.push(String(thrown));
  };
  return { seen, logger, onEvent, error };
}

const safeJson = (value: unknown) => {
  try {
    return JSON.stringify(value) ?? "";
  } catch (error) {
    return `unserializable: ${String(error)}`;
  }
};

const SCENARIOS: { label: string; prompt?: string; fault?: [call: "submit" | "status" | "file", Fault] }[] = [
  { label: "success and download" },
  { label: "status answers 503, then succeeds", fault: ["status", { kind: "http", status: 503 }] },
  { label: "status answer cut in half", fault: ["status", { kind: "malformed", after: true }] },
  { label: "submit answers 500", fault: ["submit", { kind: "http", status: 500 }] },
  { label: "submit connection reset", fault: ["submit", { kind: "reset", after: true }] },
  {
    label: "vendor echoes the key in a 401",
    fault: ["submit", { kind: "http", status: 401, message: `invalid key ${KEY}` }],
  },
  {
    label: "vendor echoes the key in a status 500",
    fault: ["status", { kind: "http", status: 500, message: `key ${KEY} failed` }],
  },
  { label: "submit redirected", fault: ["submit", { kind: "redirect" }] },
  { label: "status redirected", fault: ["status", { kind: "redirect" }] },
  { label: "download answers 404", fault: ["file", { kind: "http", status: 404 }] },
  { label: "task fails", prompt: "a fox [emulator: fail=CONTENT_VIOLATION]" },
  { label: "task never finishes (timeout)", prompt: "a fox [emulator: never]" },
];

describe("secrets", () => {
  for (const vendor of VENDORS) {
    it(`${vendor}: the key appears in no error, log line, event or saved handle, across ${SCENARIOS.length} scenarios`, async ({
      task,
    }) => {
      const watch = exposure();
      const { emulator, client, close } = await loopbackClient(
        vendor,
        { timeoutMs: 1_000, logger: watch.logger, onEvent: watch.onEvent },
        KEY,
      );
      const handles: TaskHandle[] = [];
      try {
        for (const scenario of SCENARIOS) {
          if (scenario.fault) emulator.inject(...scenario.fault);
          try {
            const result = await client.generate({
              model: MODEL[vendor],
              prompt: scenario.prompt ?? "a fox",
              onEvent: (event) => event.type === "submitted" && handles.push(event.handle),
            });
            await downloadImage(result.images[0] ?? "", { retry: { maxAttempts: 1 } });
          } catch (error) {
            watch.error(error);
          }
        }
        // A wrong key gets the vendor's 401; that key must not leak either.
        const wrong = createImageClient({
          providers: { [vendor]: FACTORIES[vendor]({ baseUrl: emulator.baseUrl, apiKey: WRONG_KEY }) },
          logger: watch.logger,
        });
        await wrong.generate({ model: MODEL[vendor], prompt: "a fox" }).catch(watch.error);
      } finally {
        await close();
      }
      const text = [...watch.seen, ...handles.map(safeJson)].join("\n");
      const keyed = emulator.requests.filter((request) => request.authorization !== null);
      task.meta.reliability = {
        section: "check",
        group: "Secrets",
        check: `${vendor}: errors (message, stack, JSON, causes), log lines, events and handles across ${SCENARIOS.length} scenarios and a wrong key`,
        outcome: `the key found in ${text.includes(KEY) || text.includes(WRONG_KEY) ? "SOME" : "none"} of them; ${keyed.every((request) => request.url.startsWith(emulator.baseUrl)) ? "every" : "NOT every"} request with the key went to the API base, result files went without it`,
      } satisfies ReliabilityRow;
      expect(watch.seen.length).toBeGreaterThan(SCENARIOS.length);
      expect(text).not.toContain(KEY);
      expect(text).not.toContain(WRONG_KEY);
      expect(keyed.every((request) => request.url.startsWith(emulator.baseUrl))).toBe(true);
      // Result files were fetched, and without the key.
      expect(emulator.requests.filter((request) => request.call === "file").length).toBeGreaterThan(0);
    });
  }

  it("the key is never sent to another host: not after a redirect, not to the result host", async ({
    task,
  }) => {
    const foreign = await startReceiver(
      () => new Response(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
    );
    // An API that redirects every call to the foreign host, as a hijacked DNS entry or proxy might.
    const hostile = await startReceiver(
      (request) =>
        new Response(null, {
          status: 307,
          headers: { location: `${foreign.origin}${new URL(request.url).pathname}` },
        }),
    );
    const outcomes: string[] = [];
    try {
      for (const vendor of VENDORS) {
        const client = createImageClient({
          providers: { [vendor]: FACTORIES[vendor]({ baseUrl: `${hostile.origin}/api`, apiKey: KEY }) },
          ...FAST,
        });
        await client
          .generate({ model: MODEL[vendor], prompt: "a fox" })
          .catch((error: Error) => outcomes.push(error.name));
        await client
          .getStatus({
            provider: vendor,
            model: "nano-banana",
            taskId: "t1",
            submittedAt: new Date().toISOString(),
          })
          .catch((error: Error) => outcomes.push(error.name));
      }
      await downloadImage(`${foreign.origin}/result.png`);
    } finally {
      await Promise.all([foreign.close(), hostile.close()]);
    }
    task.meta.reliability = {
      section: "check",
      group: "Secrets",
      check: "an API base that redirects (307) every call to another host; a result image on another host",
      outcome: `redirects not followed (${[...new Set(outcomes)].join(", ")}); the other host saw ${foreign.received.length} request, with ${foreign.received.filter((r) => r.authorization).length} keys`,
    } satisfies ReliabilityRow;
    expect(hostile.received.every((request) => request.authorization === `Bearer ${KEY}`)).toBe(true);
    expect(foreign.received).toHaveLength(1); // the download only
    expect(foreign.received[0]?.authorization).toBeUndefined();
  });
});
