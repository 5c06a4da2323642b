import {
  createImageClient,
  type ImageClientOptions,
  type ImageGenEvent,
  type ImageResult,
} from "@org/imagegen-core";
import { type ApixoEmulatorOptions, createApixoEmulator } from "@org/imagegen-testing";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, expect, vi } from "vitest";
import { type ApixoSettings, apixo } from "../index.js";

/** One msw server per test file; a request no handler answers fails the test, so nothing reaches the network. */
export function useMswServer() {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => {
    server.resetHandlers();
    vi.useRealTimers();
    vi.unstubAllEnvs();
  });
  afterAll(() => server.close());
  return server;
}

export interface Setup {
  emulator?: ApixoEmulatorOptions;
  client?: Partial<ImageClientOptions>;
  /** Adapter settings over the emulator's key. */
  apixo?: ApixoSettings;
}

/**
 * The unified client with the APIXO adapter, talking to the APIXO emulator through msw on virtual time
 * (starting at a round date). Every event the client emits is kept in `events`.
 */
export function emulatedApixo(server: ReturnType<typeof setupServer>, setup: Setup = {}) {
  vi.useFakeTimers({ now: new Date("2026-01-01T00:00:00Z") });
  const emulator = createApixoEmulator(setup.emulator);
  server.use(...emulator.handlers);
  const events: ImageGenEvent[] = [];
  const client = createImageClient({
    providers: { apixo: apixo({ apiKey: emulator.apiKey, ...setup.apixo }) },
    defaultModel: "apixo:nano-banana",
    random: () => 0.5,
    onEvent: (event) => events.push(event),
    ...setup.client,
  });
  /** The submit body the emulator received for the only task so far. */
  const submitted = () => {
    const [task, ...more] = emulator.tasks();
    expect(more).toHaveLength(0);
    return task?.request;
  };
  return { emulator, client, events, submitted };
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

/** The result of a generate that must succeed. */
export async function generated(promise: Promise<ImageResult>): Promise<ImageResult> {
  const { value, error } = await settle(promise);
  if (error !== undefined) throw error;
  return value as ImageResult;
}

/** The error of a call that must fail. */
export async function failed(promise: Promise<unknown>): Promise<Error> {
  const { error } = await settle(promise);
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}
