import { TaskTimeoutError } from "@org/imagegen-core";
import { describe, expect, it } from "vitest";
import { loopbackClient, VENDORS, type Vendor } from "./support/loopback-client.js";
import { outcomeOf } from "./support/outcome.js";
import type { ReliabilityRow } from "./support/rows.js";
import { watchUnhandledRejections } from "./support/unhandled.js";

// What a task itself can do wrong, as the status calls report it: each case is a prompt marker the emulator
// obeys. Polling stays bounded and a task never moves backwards.

const REGRESSION: Record<Vendor, string> = {
  apixo: "processing,pending,success",
  xingchaoyiqing: "processing,queued,completed",
};

interface TaskCase {
  label: string;
  marker: (vendor: Vendor) => string;
  outcome: string;
}

const CASES: TaskCase[] = [
  {
    label: "result that is not JSON / not a URL",
    marker: () => "result=not-json",
    outcome: "ProviderError (malformed)",
  },
  { label: "result without image URLs", marker: () => "result=empty", outcome: "ProviderError (malformed)" },
  { label: "unknown state", marker: () => "states=dreaming", outcome: "ProviderError (unknown_state)" },
  {
    label: "state regression (running → queued)",
    marker: (v) => `states=${REGRESSION[v]} duration=60000`,
    outcome: "recovered",
  },
  { label: "task that never finishes", marker: () => "never", outcome: "TaskTimeoutError" },
];

const unhandled = watchUnhandledRejections();

describe("task faults, seen through status calls", () => {
  for (const { label, marker, outcome } of CASES) {
    for (const vendor of VENDORS) {
      it(`${label}, ${vendor} → ${outcome}`, async ({ task }) => {
        const before = unhandled.count;
        const { emulator, client, clock, close } = await loopbackClient(vendor, { timeoutMs: 1_500 });
        const states: string[] = [];
        let caught: unknown;
        try {
          await client
            .generate({
              prompt: `a fox [emulator: ${marker(vendor)}]`,
              onEvent: (event) => event.type === "state" && states.push(event.state),
            })
            .catch((error: unknown) => {
              caught = error;
            });
        } finally {
          await close();
        }
        const seen = caught === undefined ? "recovered" : outcomeOf(caught);
        const { submits, tasksCreated, statusCalls } = emulator.stats();
        task.meta.reliability = {
          section: "matrix",
          fault: label,
          phase: "status",
          vendor,
          outcome: seen,
          submitRequests: submits,
          tasksCreated,
        } satisfies ReliabilityRow;
        expect(seen).toBe(outcome);
        expect([submits, tasksCreated]).toEqual([1, 1]);
        expect(clock.pending).toBe(0);
        expect(unhandled.count).toBe(before);
        // Forward only: no state is entered twice, whatever the vendor reported.
        expect(new Set(states).size).toBe(states.length);
        if (outcome.startsWith("ProviderError")) expect(statusCalls).toBeLessThanOrEqual(4); // the retry budget
        if (TaskTimeoutError.isInstance(caught)) expect(caught.handle?.taskId).toBe(emulator.tasks()[0]?.id);
      });
    }
  }
});
