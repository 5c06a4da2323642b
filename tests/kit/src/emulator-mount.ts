import type { RequestHandler } from "msw";
import type { SetupServer } from "msw/node";
import { expect } from "vitest";
import { useVirtualTime } from "./virtual-time.js";

/** What the kit needs of an emulator from `@org/imagegen-testing` (structural, so the kit imports none). */
interface MountableEmulator {
  readonly handlers: readonly RequestHandler[];
  tasks(): readonly { readonly request: unknown }[];
  readonly requests: readonly { readonly call: string; readonly at: number }[];
}

/**
 * Starts virtual time, creates an emulator and puts its handlers on the msw server. `submitted()` is the body
 * the emulator received for the only task so far (a second task fails the test).
 */
export function mountEmulator<E extends MountableEmulator>(server: SetupServer, create: () => E) {
  useVirtualTime();
  const emulator = create();
  server.use(...emulator.handlers);
  const submitted = () => {
    const [task, ...more] = emulator.tasks();
    expect(more).toHaveLength(0);
    return task?.request;
  };
  return { emulator, submitted };
}

/** Seconds from the latest submit to each status call after it, as the emulator saw them: the poll schedule. */
export function pollTimes(emulator: MountableEmulator): number[] {
  const requests = emulator.requests;
  const submitted = requests.findLastIndex((request) => request.call === "submit");
  const start = requests[submitted]?.at ?? 0;
  return requests
    .slice(submitted)
    .filter((request) => request.call === "status")
    .map((request) => (request.at - start) / 1_000);
}
