import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, vi } from "vitest";
import { createImageClient, type ImageClientOptions, type ImageGenEvent } from "../index.js";
import { ACME_BASE_URL, acme } from "./acme-provider.js";
import { ACME_CDN, ACME_KEY, createAcmeServer } from "./acme-server.js";

/**
 * One msw server per test file, with unhandled requests failing the test: nothing reaches the network.
 * Every test gets fake timers, so polling runs on virtual time.
 */
export function useMswServer() {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => {
    server.events.removeAllListeners();
    server.resetHandlers();
    vi.useRealTimers();
  });
  afterAll(() => server.close());
  return server;
}

export function setupClient(
  server: ReturnType<typeof setupServer>,
  options: Partial<ImageClientOptions> & { durationMs?: number } = {},
) {
  vi.useFakeTimers();
  const { durationMs, ...clientOptions } = options;
  const acmeServer = createAcmeServer({ durationMs });
  server.use(...acmeServer.handlers);
  const requests = recordRequests(server);
  const count = (test: (request: Request) => boolean) => requests.filter(test).length;
  const vendor = {
    ...acmeServer,
    requests,
    /** Requests that reached the network edge, whichever handler answered them. */
    calls: {
      get submit() {
        return count((request) => request.method === "POST" && request.url === `${ACME_BASE_URL}/tasks`);
      },
      get status() {
        return count(
          (request) => request.method === "GET" && request.url.startsWith(`${ACME_BASE_URL}/tasks/`),
        );
      },
      get download() {
        return count((request) => request.url.startsWith(ACME_CDN));
      },
    },
  };
  const events: ImageGenEvent[] = [];
  const client = createImageClient({
    providers: { acme: acme({ apiKey: ACME_KEY }) },
    defaultModel: "acme:fast",
    random: () => 0.5,
    onEvent: (event) => events.push(event),
    ...clientOptions,
  });
  return { client, vendor, events };
}

/** Every request sent through the msw server from now on (cloned, so bodies stay readable). */
export function recordRequests(server: ReturnType<typeof setupServer>): Request[] {
  const requests: Request[] = [];
  server.events.on("request:start", ({ request }) => {
    requests.push(request.clone());
  });
  return requests;
}

/** Runs a promise to completion on virtual time, returning its value or its error. */
export async function settle<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  const outcome = promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  await vi.runAllTimersAsync();
  return outcome;
}
