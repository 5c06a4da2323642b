import type { ImageClient, ImageClientOptions, ImageGenEvent } from "@org/imagegen-core";
import { type SetupServer, setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, expect, vi } from "vitest";
import type { Emulator } from "../engine/emulator.js";
import { type EmulatorVendor, emulatorVendor } from "../vendors/emulator-vendor.js";
import type { AdapterConformanceOptions } from "./adapter-spec.js";

/** The key the suite's emulators accept: long and odd, so a leak of it cannot be a coincidence. */
export const CONFORMANCE_KEY = "conformance-key-7f3a9c1e5b2d4068";
/** Where virtual time starts. */
const EPOCH = "2026-01-01T00:00:00.000Z";

/** A request as it left the adapter, headers and all. */
export interface SentRequest {
  method: string;
  url: string;
  headers: Headers;
  body: string;
}

/** One test's world: a fresh emulator on msw, the client with the adapter, every event and request seen. */
export interface ConformanceRun {
  emulator: Emulator;
  client: ImageClient;
  events: ImageGenEvent[];
  sent: SentRequest[];
}

/** The suite's msw server and how each test gets a fresh emulator and client on virtual time. */
export function conformanceWorld(options: AdapterConformanceOptions) {
  const server: SetupServer = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => {
    server.events.removeAllListeners();
    server.resetHandlers();
    vi.useRealTimers();
  });
  afterAll(() => server.close());
  const vendor = (): EmulatorVendor =>
    typeof options.vendor === "string" ? emulatorVendor(options.vendor) : options.vendor;

  const run = (setup: { apiKey?: string; client?: Partial<ImageClientOptions>; emulator?: object } = {}) => {
    vi.useFakeTimers({ now: new Date(EPOCH) });
    const emulator = vendor().create({ ...options.emulator, ...setup.emulator, apiKey: CONFORMANCE_KEY });
    server.use(...emulator.handlers);
    const sent: SentRequest[] = [];
    server.events.on("request:start", async ({ request }) => {
      const body = request.method === "GET" ? "" : await request.clone().text();
      sent.push({ method: request.method, url: request.url, headers: new Headers(request.headers), body });
    });
    const events: ImageGenEvent[] = [];
    const client = clientFor(emulator, { ...setup, onEvent: (event) => events.push(event) });
    return { emulator, client, events, sent } satisfies ConformanceRun;
  };

  /** The unified client with a fresh adapter on `emulator`, as another process would build it. */
  const clientFor = (
    emulator: Emulator,
    setup: {
      apiKey?: string;
      client?: Partial<ImageClientOptions>;
      onEvent?: ImageClientOptions["onEvent"];
    } = {},
  ): ImageClient => {
    const adapter = options.adapter({ apiKey: setup.apiKey ?? emulator.apiKey, baseUrl: emulator.baseUrl });
    return options.createImageClient({
      providers: { [vendor().id]: adapter },
      defaultModel: `${vendor().id}:${options.model}`,
      random: () => 0.5,
      poll: { jitter: 0 },
      onEvent: setup.onEvent,
      ...setup.client,
    } as ImageClientOptions) as ImageClient;
  };
  return { server, vendor, run, clientFor };
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

/** The value of a call that must succeed on virtual time. */
export async function succeeds<T>(promise: Promise<T>): Promise<T> {
  const { value, error } = await settle(promise);
  if (error !== undefined) throw error;
  return value as T;
}

/** The error of a call that must fail on virtual time, with the fields every ImageGenError has. */
export async function fails(promise: Promise<unknown>): Promise<ConformanceError> {
  const { error } = await settle(promise);
  expect(error).toBeInstanceOf(Error);
  return error as ConformanceError;
}

/** An error as the suite reads it: by name and fields, so two copies of core still agree. */
export interface ConformanceError extends Error {
  code?: string;
  provider?: string;
  taskId?: string;
  retryable?: boolean;
  statusCode?: number;
  responseBody?: string;
  reason?: string;
  failCode?: string;
}
