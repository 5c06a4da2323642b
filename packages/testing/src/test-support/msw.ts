import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, vi } from "vitest";
import type { Emulator } from "../emulator.js";

/** One msw server per test file; a request no handler answers fails the test, so nothing reaches the network. */
export function useMswServer() {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => {
    server.resetHandlers();
    vi.useRealTimers();
  });
  afterAll(() => server.close());
  return server;
}

/** Mounts an emulator on the msw server with virtual time starting at a round date. */
export function mount<T extends Emulator>(server: ReturnType<typeof setupServer>, emulator: T): T {
  vi.useFakeTimers({ now: new Date("2026-01-01T00:00:00Z") });
  server.use(...emulator.handlers);
  return emulator;
}

/** A wire body for assertions; tests check its shape with toEqual, so typing it would only restate the docs. */
// biome-ignore lint/suspicious/noExplicitAny: see above.
export const json = async (response: Response) => (await response.json()) as Record<string, any>;
