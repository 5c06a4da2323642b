import {
  createImageClient,
  type ImageClientOptions,
  type TaskHandle,
  ValidationError,
} from "@org/imagegen-core";
import { describe, expect, it } from "vitest";
import { FACTORIES, FAST, loopbackClient, MODEL, VENDORS } from "./support/loopback-client.js";
import { outcomeOf } from "./support/outcome.js";
import type { ReliabilityRow } from "./support/rows.js";

// Time values as callers pass them. A timer of 2^31 ms or more fires at once in Node and browsers, so long
// deadlines must be built from shorter timers; `Infinity` means "no deadline"; NaN, zero and negative values
// (and poll or retry options that would poll in a tight loop) are refused before anything is sent. And a
// handle stamped by a machine whose clock runs ahead is polled as if just submitted.

const GROUP = "Time values";
const DAY = 24 * 60 * 60_000;
const TIMER_LIMIT = 2 ** 31;

describe("long deadlines work", () => {
  const cases: { label: string; options: Partial<ImageClientOptions>; call?: number }[] = [
    { label: "client `timeoutMs` of 30 days", options: { timeoutMs: 30 * DAY } },
    { label: "per-call `timeoutMs` of 30 days", options: {}, call: 30 * DAY },
    { label: `\`requestTimeoutMs\` of 2^31 ms`, options: { requestTimeoutMs: TIMER_LIMIT } },
    { label: "`timeoutMs: Infinity` (no deadline)", options: { timeoutMs: Number.POSITIVE_INFINITY } },
  ];
  for (const { label, options, call } of cases) {
    it(label, async ({ task }) => {
      const outcomes: string[] = [];
      for (const vendor of VENDORS) {
        const { emulator, client, clock, close } = await loopbackClient(vendor, options);
        try {
          const result = await client.generate({ prompt: "a fox", timeoutMs: call }).then(
            (done) => done.status.state,
            (error: unknown) => outcomeOf(error),
          );
          const { statusCalls } = emulator.stats();
          outcomes.push(`${vendor}: ${result}${statusCalls > 0 ? "" : ", 0 status calls"}`);
        } finally {
          await close();
        }
        // Chained timers of a pending deadline are cleared with it.
        expect(clock.pending).toBe(0);
      }
      task.meta.reliability = {
        section: "check",
        group: GROUP,
        check: `\`generate()\` with a ${label}`,
        outcome: outcomes.join("; "),
      } satisfies ReliabilityRow;
      expect(outcomes).toEqual(VENDORS.map((vendor) => `${vendor}: succeeded`));
    });
  }
});

const INVALID_CLIENT_OPTIONS: [string, Partial<ImageClientOptions>][] = [
  ["timeoutMs: NaN", { timeoutMs: Number.NaN }],
  ["timeoutMs: 0", { timeoutMs: 0 }],
  ["requestTimeoutMs: NaN", { requestTimeoutMs: Number.NaN }],
  ["requestTimeoutMs: -1", { requestTimeoutMs: -1 }],
  ["poll.intervalMs: 0", { poll: { intervalMs: 0 } }],
  ["poll.intervalMs: NaN", { poll: { intervalMs: Number.NaN } }],
  ["poll.maxIntervalMs: -5", { poll: { maxIntervalMs: -5 } }],
  ["poll.initialDelayMs: -1", { poll: { initialDelayMs: -1 } }],
  ["poll.jitter: 2", { poll: { jitter: 2 } }],
  ["poll.timeScale: 0", { poll: { timeScale: 0 } }],
  ["poll.timeScale: NaN", { poll: { timeScale: Number.NaN } }],
  ["poll.timeScale: Infinity", { poll: { timeScale: Number.POSITIVE_INFINITY } }],
  ["retry.maxAttempts: 0", { retry: { maxAttempts: 0 } }],
  ["retry.maxAttempts: 1.5", { retry: { maxAttempts: 1.5 } }],
  ["retry.baseDelayMs: 0", { retry: { baseDelayMs: 0 } }],
  ["retry.maxDelayMs: NaN", { retry: { maxDelayMs: Number.NaN } }],
  ["retry.maxRetryAfterMs: -1", { retry: { maxRetryAfterMs: -1 } }],
];

const INVALID_CALL_OPTIONS: [string, { timeoutMs?: number; poll?: Record<string, number> }][] = [
  ["timeoutMs: NaN", { timeoutMs: Number.NaN }],
  ["timeoutMs: 0", { timeoutMs: 0 }],
  ["timeoutMs: -1", { timeoutMs: -1 }],
  ["poll.intervalMs: 0", { poll: { intervalMs: 0 } }],
  ["poll.intervalMs: NaN", { poll: { intervalMs: Number.NaN } }],
  ["poll.timeScale: -1", { poll: { timeScale: -1 } }],
];

describe("invalid time values are refused before anything is sent", () => {
  it(`${INVALID_CLIENT_OPTIONS.length} invalid client options`, async ({ task }) => {
    const { emulator, close } = await loopbackClient("apixo");
    const providers = { apixo: FACTORIES.apixo({ baseUrl: emulator.baseUrl, apiKey: emulator.apiKey }) };
    const accepted: string[] = [];
    try {
      for (const [label, options] of INVALID_CLIENT_OPTIONS) {
        const outcome = await Promise.resolve()
          .then(() => createImageClient({ providers, defaultModel: MODEL.apixo, ...FAST, ...options }))
          .catch((error: unknown) => error);
        if (!ValidationError.isInstance(outcome)) accepted.push(label);
      }
    } finally {
      await close();
    }
    task.meta.reliability = {
      section: "check",
      group: GROUP,
      check: `\`createImageClient\` with ${INVALID_CLIENT_OPTIONS.map(([label]) => `\`${label}\``).join(", ")}`,
      outcome:
        accepted.length === 0
          ? "each a ValidationError at creation; 0 HTTP requests"
          : `accepted: ${accepted.join(", ")}`,
    } satisfies ReliabilityRow;
    expect(accepted).toEqual([]);
    expect(emulator.requests).toHaveLength(0);
  });

  it(`${INVALID_CALL_OPTIONS.length} invalid per-call options, on generate, submit, wait and getStatus`, async ({
    task,
  }) => {
    const { emulator, client, clock, close } = await loopbackClient("apixo");
    const accepted = new Set<string>();
    let sent = 0;
    try {
      const handle = await client.submit({ prompt: "a fox" });
      const before = emulator.requests.length;
      for (const [label, options] of INVALID_CALL_OPTIONS) {
        const calls: [string, () => Promise<unknown>][] = [
          ["generate", () => client.generate({ prompt: "a fox", ...options })],
          ["submit", () => client.submit({ prompt: "a fox", ...options })],
          ["wait", () => client.wait(handle, options)],
          ["getStatus", () => client.getStatus(handle, options)],
        ];
        for (const [name, call] of calls) {
          const outcome = await call().then(
            () => "accepted",
            (error: unknown) => error,
          );
          if (!ValidationError.isInstance(outcome)) accepted.add(`${name} ${label}`);
        }
      }
      sent = emulator.requests.length - before;
    } finally {
      await close();
    }
    task.meta.reliability = {
      section: "check",
      group: GROUP,
      check: `\`generate\`, \`submit\`, \`wait\` and \`getStatus\` with ${INVALID_CALL_OPTIONS.map(([label]) => `\`${label}\``).join(", ")}`,
      outcome:
        accepted.size === 0
          ? `each a ValidationError; ${sent} HTTP requests`
          : `accepted: ${[...accepted].join(", ")}; ${sent} HTTP requests`,
    } satisfies ReliabilityRow;
    expect([...accepted]).toEqual([]);
    expect(sent).toBe(0);
    expect(clock.pending).toBe(0);
  });
});

describe("clock skew", () => {
  it("a handle whose submittedAt lies 1 h in the future is polled as just submitted", async ({ task }) => {
    const outcomes: string[] = [];
    for (const vendor of VENDORS) {
      const { emulator, client, close } = await loopbackClient(vendor, { timeoutMs: 3_000 });
      try {
        const handle = await client.submit({ prompt: "a fox" });
        const ahead: TaskHandle = {
          ...handle,
          submittedAt: new Date(Date.parse(handle.submittedAt) + 60 * 60_000).toISOString(),
        };
        const result = await client.wait(ahead).then(
          (done) => done.status.state,
          (error: unknown) => outcomeOf(error),
        );
        const { statusCalls } = emulator.stats();
        outcomes.push(`${vendor}: ${result}${statusCalls > 0 ? "" : ", 0 status calls"}`);
      } finally {
        await close();
      }
    }
    task.meta.reliability = {
      section: "check",
      group: GROUP,
      check: "`wait()` on a handle whose `submittedAt` is 1 h ahead of this machine's clock, within 3 s",
      outcome: outcomes.join("; "),
    } satisfies ReliabilityRow;
    expect(outcomes).toEqual(VENDORS.map((vendor) => `${vendor}: succeeded`));
  });
});
