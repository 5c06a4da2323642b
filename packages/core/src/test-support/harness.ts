import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, vi } from "vitest";
import { createImageClient, type ImageClientOptions, type ImageGenEvent } from "../index.js";
import { acme } from "./acme-provider.js";
import { ACME_KEY, createAcmeServer } from "./acme-server.js";

/**
 * One msw server per test file, with unhandled requests failing the test: nothing reaches the network.
 * Every test gets fake timers, so polling runs on virtual time.
 */
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

export function setupClient(
  server: ReturnType<typeof setupServer>,
  options: Partial<ImageClientOptions> & { durationMs?: number } = {},
) {
  vi.useFakeTimers();
  const { durationMs, ...clientOptions } = options;
  const vendor = createAcmeServer({ durationMs });
  server.use(...vendor.handlers);
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

/** Runs a promise to completion on virtual time, returning its value or its error. */
export async function settle<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  const outcome = promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  await vi.runAllTimersAsync();
  return outcome;
}
