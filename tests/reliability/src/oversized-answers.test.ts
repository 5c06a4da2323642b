import { createImageClient } from "@org/imagegen-core";
import { describe, expect, it } from "vitest";
import { FACTORIES, FAST, MODEL, VENDORS } from "./support/loopback-client.js";
import { outcomeOf } from "./support/outcome.js";
import { type HugeCall, startOversizedVendor } from "./support/oversized-server.js";
import type { ReliabilityRow } from "./support/rows.js";
import { watchUnhandledRejections } from "./support/unhandled.js";

// Every body read is bounded: an answer far larger than any vendor sends (a misrouted download, a broken proxy)
// is read up to the adapter's limit (1 MiB by default) and no further. A status call fails with a final
// ProviderError ("too_large"), not retried as if the network had failed; a submit that got one was answered by
// the vendor, so a task may exist: SubmitOutcomeUnknownError. Memory stays flat whatever the size.

const MB = 1024 * 1024;
const SIZES = [50 * MB, 700 * MB];
/** How much the process may grow while one such answer arrives (a backstop: earlier cases' garbage can hide growth). */
const RSS_BOUND = 64 * MB;

const EXPECTED: Record<HugeCall, string> = {
  submit: "SubmitOutcomeUnknownError",
  status: "ProviderError (too_large)",
};

const unhandled = watchUnhandledRejections();

/** Runs `work` while sampling the resident set size; returns how far it rose above where it started. */
async function rssGrowth<T>(work: () => Promise<T>): Promise<{ result: T; growth: number }> {
  const start = process.memoryUsage.rss();
  let peak = start;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 5);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, growth: peak - start };
  } finally {
    clearInterval(sampler);
  }
}

describe("oversized answers", () => {
  for (const bytes of SIZES) {
    for (const call of ["submit", "status"] as const) {
      for (const vendor of VENDORS) {
        it(`a ${bytes / MB} MB answer to ${call}, ${vendor} → ${EXPECTED[call]}, memory bounded`, async ({
          task,
        }) => {
          const before = unhandled.count;
          const server = await startOversizedVendor(vendor, call, bytes);
          try {
            const client = createImageClient({
              providers: {
                [vendor]: FACTORIES[vendor]({ baseUrl: server.baseUrl, apiKey: "oversized-key-0123" }),
              },
              ...FAST,
              // Generous, so that only the size decides, even on a loaded machine.
              requestTimeoutMs: 10_000,
              timeoutMs: 30_000,
            });
            const { result: outcome, growth } = await rssGrowth(() =>
              client.generate({ model: MODEL[vendor], prompt: "a lighthouse" }).then(
                () => "recovered",
                (error: unknown) => outcomeOf(error),
              ),
            );
            const { submits, statusCalls, bytesSent } = server.counts;
            console.log(
              `${bytes / MB} MB on ${call} (${vendor}): ${outcome}; RSS +${(growth / MB).toFixed(1)} MB; ` +
                `server sent ${(bytesSent / MB).toFixed(1)} MB before the client hung up`,
            );
            task.meta.reliability = {
              section: "matrix",
              fault: `answer of ${bytes / MB} MB (streamed, never ending)`,
              phase: call,
              vendor,
              outcome:
                growth < RSS_BOUND
                  ? `${outcome}, under +64 MB memory`
                  : `${outcome}, +${Math.round(growth / MB)} MB memory`,
              submitRequests: submits,
              tasksCreated: 1,
            } satisfies ReliabilityRow;
            expect(outcome).toBe(EXPECTED[call]);
            expect(growth).toBeLessThan(RSS_BOUND);
            // The client hung up near the limit: what the server got out is the limit plus socket buffers.
            expect(bytesSent).toBeLessThan(32 * MB);
            // Read once: neither retried as a network failure nor submitted twice.
            expect(submits).toBe(1);
            expect(statusCalls).toBe(call === "status" ? 1 : 0);
            expect(unhandled.count).toBe(before);
          } finally {
            await server.close();
          }
        }, 120_000);
      }
    }
  }
});
