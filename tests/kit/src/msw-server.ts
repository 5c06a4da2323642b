import { type SetupServer, setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, vi } from "vitest";

/**
 * One msw server per test file. A request no handler answers fails the test, so nothing reaches the network.
 * After each test: handlers, event listeners, fake timers and stubbed environment variables are reset.
 */
export function useMswServer(): SetupServer {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => {
    server.events.removeAllListeners();
    server.resetHandlers();
    vi.useRealTimers();
    vi.unstubAllEnvs();
  });
  afterAll(() => server.close());
  return server;
}
