import { createServer } from "node:net";
import { createImageClient, downloadImage } from "@org/imagegen-core";
import type { Fault } from "@org/imagegen-testing";
import { describe, expect, it } from "vitest";
import { FACTORIES, FAST, loopbackClient, MODEL, VENDORS, type Vendor } from "./support/loopback-client.js";
import { outcomeOf } from "./support/outcome.js";
import { startReceiver } from "./support/receiver.js";
import type { ReliabilityRow } from "./support/rows.js";
import { watchUnhandledRejections } from "./support/unhandled.js";

// Every fault of the wire, on every call of a task, for both vendors, over real loopback HTTP. Each case gets
// a fresh emulator; the fault spoils one call. What a caller must see: a submit is never repeated unless the
// first certainly created nothing; a status call or a download that fails is retried and never re-submits.

type Phase = "submit" | "status" | "callback" | "download";
const RECOVERED = "recovered";
const UNKNOWN = "SubmitOutcomeUnknownError";

interface FaultCase {
  label: string;
  fault: () => Fault;
  /** What the caller sees, by phase; absent: the fault does not apply there. */
  expect: Partial<Record<Phase, string>>;
}

const everywhere = (submit: string) => ({
  submit,
  status: RECOVERED,
  callback: RECOVERED,
  download: RECOVERED,
});

const FAULTS: FaultCase[] = [
  {
    label: "429, Retry-After in seconds",
    fault: () => ({ kind: "http", status: 429, retryAfter: "1" }),
    expect: everywhere(RECOVERED),
  },
  {
    label: "429, Retry-After as an HTTP date",
    fault: () => ({ kind: "http", status: 429, retryAfter: new Date(Date.now() + 1_000).toUTCString() }),
    expect: everywhere(RECOVERED),
  },
  ...[500, 502, 503, 504].map((status) => ({
    label: `HTTP ${status}`,
    fault: (): Fault => ({ kind: "http", status }),
    expect: everywhere(UNKNOWN),
  })),
  {
    label: "HTML error page (502 from a proxy)",
    fault: () => ({ kind: "html", status: 502 }),
    expect: everywhere(UNKNOWN),
  },
  {
    label: "connection reset before the call took effect",
    fault: () => ({ kind: "reset" }),
    expect: everywhere(UNKNOWN),
  },
  {
    label: "connection reset after the call took effect",
    fault: () => ({ kind: "reset", after: true }),
    expect: everywhere(UNKNOWN),
  },
  {
    label: "answer slower than the request timeout",
    fault: () => ({ kind: "slow", delayMs: 1_500 }),
    expect: everywhere(UNKNOWN),
  },
  {
    label: "malformed JSON",
    fault: () => ({ kind: "malformed" }),
    expect: { submit: UNKNOWN, status: RECOVERED, callback: RECOVERED }, // images are not JSON
  },
  {
    label: "result URL answers 404",
    fault: () => ({ kind: "http", status: 404 }),
    expect: { download: "ProviderError (download)" },
  },
  {
    label: "result image larger than maxBytes",
    fault: () => ({ kind: "huge", bytes: 4 * 1024 * 1024 }),
    expect: { download: "ProviderError (too_large)" },
  },
];

const unhandled = watchUnhandledRejections();

/**
 * The callback row: APIXO calls our receiver back, which confirms with one status call before it trusts the
 * delivery; the fault spoils that call. Polls come far later than the task ends, so only the callback can
 * finish the wait early. xingchaoyiqing has no callbacks.
 */
async function callbackSetup(vendor: Vendor) {
  // The receiver acknowledges at once and confirms in the background, as webhook receivers should: a slow
  // confirmation (a 1 s Retry-After) would otherwise outlast APIXO's receiver timeout and bring a second
  // delivery. `idle()` waits for the confirmations to end before the case counts pending timers.
  const handling = new Set<Promise<unknown>>();
  const receiver = await startReceiver((request) => {
    handling.add(side.client.handleCallback(request).catch(() => undefined));
    return new Response(null, { status: 200 });
  });
  const side = await loopbackClient(vendor, {
    callback: { url: `${receiver.origin}/callback`, secret: "matrix-secret-0123456789" },
    poll: { initialDelayMs: 60_000 },
  });
  return {
    ...side,
    idle: () => Promise.all([...handling]),
    close: () => Promise.all([side.close(), receiver.close()]),
  };
}

async function runCase(vendor: Vendor, phase: Phase, fault: Fault) {
  const { emulator, client, clock, close, idle } =
    phase === "callback"
      ? await callbackSetup(vendor)
      : { ...(await loopbackClient(vendor)), idle: async () => {} };
  try {
    emulator.inject(phase === "download" ? "file" : phase === "submit" ? "submit" : "status", fault);
    let outcome = RECOVERED;
    try {
      const result = await client.generate({ prompt: "a lighthouse at dusk" });
      if (phase === "download") {
        const [image] = result.images;
        await downloadImage(image ?? "", { timeoutMs: 500, maxBytes: 1024 * 1024, retry: FAST.retry });
      }
    } catch (error) {
      outcome = outcomeOf(error);
    }
    await idle();
    const { submits, tasksCreated } = emulator.stats();
    const confirmedCallbacks = emulator.deliveries.filter((delivery) => delivery.status === 200).length;
    return {
      outcome,
      submitRequests: submits,
      tasksCreated,
      pendingTimers: clock.pending,
      confirmedCallbacks,
    };
  } finally {
    await close();
  }
}

describe("fault matrix", () => {
  for (const { label, fault, expect: expected } of FAULTS) {
    for (const phase of ["submit", "status", "callback", "download"] as const) {
      const outcome = expected[phase];
      if (outcome === undefined) continue;
      for (const vendor of phase === "callback" ? (["apixo"] as const) : VENDORS) {
        it(`${label} on ${phase}, ${vendor} → ${outcome}`, async ({ task }) => {
          const before = unhandled.count;
          const result = await runCase(vendor, phase, fault());
          task.meta.reliability = {
            section: "matrix",
            fault: label,
            phase,
            vendor,
            ...result,
          } satisfies ReliabilityRow;
          expect(result.outcome).toBe(outcome);
          // Never two tasks; a second submit request only after a 429, which creates nothing.
          expect(result.tasksCreated).toBeLessThanOrEqual(1);
          expect(result.submitRequests).toBe(phase === "submit" && outcome === RECOVERED ? 2 : 1);
          expect(result.pendingTimers).toBe(0);
          expect(unhandled.count).toBe(before);
        });
      }
    }
  }

  for (const vendor of VENDORS) {
    it(`connection refused (nothing listening) on submit, ${vendor} → retried, then ProviderError (network)`, async ({
      task,
    }) => {
      const port = await closedPort();
      const client = createImageClient({
        providers: { [vendor]: FACTORIES[vendor]({ baseUrl: `http://127.0.0.1:${port}/api`, apiKey: "k" }) },
        ...FAST,
      });
      const outcome = await client.generate({ model: MODEL[vendor], prompt: "a heron" }).then(
        () => RECOVERED,
        (error: unknown) => outcomeOf(error),
      );
      task.meta.reliability = {
        section: "matrix",
        fault: "connection refused (nothing listening)",
        phase: "submit",
        vendor,
        outcome: `${outcome}, after 4 attempts`,
        submitRequests: 0,
        tasksCreated: 0,
      } satisfies ReliabilityRow;
      expect(outcome).toBe("ProviderError (network)");
    });
  }
});

/** A port on loopback that was just free: connecting to it is refused, so nothing can have been sent. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
