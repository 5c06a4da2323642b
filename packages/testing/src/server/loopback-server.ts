import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { getResponse, type RequestHandler } from "msw";
import type { BuiltInVendorId } from "../built-in-vendors.js";
import { clientOptionsFor, type EmulatorClientOptions } from "../engine/client-options.js";
import type { Emulator } from "../engine/emulator.js";
import type { EmulatorOptions } from "../engine/emulator-options.js";
import { emulatorVendor, emulatorVendors, loopbackPath } from "../vendors/emulator-vendor.js";
import { createControl } from "./emulator-control.js";

/** A registered vendor's id: the built-in ones, or any other registered with `registerEmulatorVendor`. */
export type VendorId = BuiltInVendorId | (string & {});

type Shared = Omit<EmulatorOptions, "baseUrl" | "filesUrl">;

/** Options for one vendor's emulator only, e.g. APIXO's `{ limits: true }` or xingchaoyiqing's `{ errorShape }`. */
export type VendorEmulatorOptions = Shared & { readonly [option: string]: unknown };

export interface StartEmulatorOptions<V extends string = BuiltInVendorId> extends Shared {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to listen on; default `127.0.0.1`, so nothing outside this machine can reach it. */
  host?: string;
  /** Which registered vendors to serve; default every one. */
  vendors?: readonly V[];
  /** Options for one vendor's emulator only, by vendor id: `{ apixo: { limits: true } }`. */
  perVendor?: { readonly [K in NoInfer<V>]?: VendorEmulatorOptions };
}

/**
 * The emulators on a real socket. A client for them: `apixo(running.apixo.providerSettings)` for each vendor,
 * and `...running.clientOptions` so it polls at the emulators' pace.
 */
export type RunningEmulator<V extends string = BuiltInVendorId> = {
  /** The server's origin, e.g. `http://127.0.0.1:4010`. */
  readonly url: string;
  /** `{ poll: { timeScale } }` for `createImageClient`: the pace of the fastest emulator served. */
  readonly clientOptions: EmulatorClientOptions;
  /** Every vendor served, by id (also `running.apixo`, …). */
  readonly emulators: { readonly [K in V]: Emulator };
  /** Stop listening, drop open connections and cancel pending callbacks. */
  close(): Promise<void>;
} & (string extends V ? unknown : { readonly [K in V]: Emulator }); // by name only for ids known to the types

const MAX_BODY_BYTES = 1024 * 1024;

// A page served from anywhere (the browser bundle, a dev server) may call the emulators, as it may call the
// vendors from a backend. Retry-After is exposed so a browser client can honour it, as it does on Node.
const CORS_HEADERS = {
  "access-control-allow-origin": "*",
  "access-control-expose-headers": "retry-after",
};
const PREFLIGHT_HEADERS = {
  "access-control-allow-methods": "GET, POST, PUT, OPTIONS",
  "access-control-allow-headers": "authorization, content-type",
  "access-control-max-age": "600",
};

/**
 * Connections that may wait to be accepted. Node's default (511) overflows when thousands of clients connect
 * at once, as a load test's burst of submits does; the kernel caps it at its own limit (`somaxconn`).
 */
const LISTEN_BACKLOG = 8192;

/**
 * How long an idle keep-alive connection stays open: longer than clients keep theirs (undici: 4 s), as at
 * real API hosts (load balancers keep 60 s or more), so a client never sends a request on a connection the
 * server is closing at that moment, a race that resets the request ("other side closed").
 */
const KEEP_ALIVE_MS = 65_000;

/** Answers with a declared length up to this size are written in one piece, not streamed. */
const WHOLE_ANSWER_BYTES = 1024 * 1024;

/** Serves the emulators over HTTP on loopback, with the same handlers the msw setup uses. */
export async function startEmulator<V extends string = BuiltInVendorId>(
  options: StartEmulatorOptions<V> = {},
): Promise<RunningEmulator<V>> {
  const { port = 0, host = "127.0.0.1", vendors, perVendor = {}, ...shared } = options;
  const served = [...new Set<string>(vendors ?? emulatorVendors().map((vendor) => vendor.id))];
  checkPaths(served);
  let handlers = byMethod([]);
  let index: Record<string, unknown> = {};
  let url = "";
  const emulators: Record<string, Emulator> = {};
  const control = createControl(
    () => Object.values(emulators),
    () => url,
  );
  const server = createServer((req, res) => {
    control(req, res)
      .then((done) => (done ? undefined : answer(url, req, res, handlers(req.method ?? "GET"), index)))
      .catch(() => res.destroy());
  });
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  // Node also closes a connection whose next request's headers take this long; keep it above keep-alive.
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen({ port, host, backlog: LISTEN_BACKLOG }, () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  url = `http://${host.includes(":") ? `[${host}]` : host}:${bound}`;
  for (const id of served) {
    const own = (perVendor as Record<string, VendorEmulatorOptions | undefined>)[id];
    const at = { baseUrl: `${url}${loopbackPath(id)}`, filesUrl: `${url}/files/${id}` };
    emulators[id] = emulatorVendor(id).create({ ...shared, ...own, ...at });
  }
  handlers = byMethod(Object.values(emulators).flatMap((emulator) => [...emulator.handlers]));
  index = Object.fromEntries(
    Object.values(emulators).map((e) => [
      e.vendor,
      { baseUrl: e.baseUrl, filesUrl: e.filesUrl, apiKey: e.apiKey },
    ]),
  );
  const close = async () => {
    for (const emulator of Object.values(emulators)) emulator.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  const paces = Object.values(emulators).map((emulator) => emulator.clientOptions.poll.timeScale);
  const clientOptions = clientOptionsFor(paces.length > 0 ? Math.min(...paces) : (shared.timeScale ?? 1));
  return { ...emulators, url, close, clientOptions, emulators } as unknown as RunningEmulator<V>;
}

/** Two vendors under one path would answer each other's calls: refused before anything listens. */
function checkPaths(ids: readonly string[]): void {
  const owners = new Map<string, string>();
  for (const id of ids) {
    const path = loopbackPath(id);
    const other = owners.get(path);
    if (other !== undefined) {
      throw new Error(
        `${id} and ${other} both live under ${path || "/"}: give one a loopbackPath of its own`,
      );
    }
    owners.set(path, id);
  }
}

async function answer(
  origin: string,
  req: IncomingMessage,
  res: ServerResponse,
  handlers: RequestHandler[],
  index: Record<string, unknown>,
): Promise<void> {
  if (req.method === "OPTIONS") {
    res.writeHead(204, { ...CORS_HEADERS, ...PREFLIGHT_HEADERS }).end();
    return;
  }
  const request = await toFetchRequest(origin, req);
  const response =
    (await getResponse(handlers, request)) ??
    (new URL(request.url).pathname === "/"
      ? Response.json(index)
      : Response.json({ error: "Not found: this path is not part of an emulated API" }, { status: 404 }));
  // A network-error response is a connection reset on the wire.
  if (response.type === "error") {
    req.socket.destroy();
    return;
  }
  res.writeHead(response.status, [...response.headers, ...Object.entries(CORS_HEADERS)].flat());
  if (response.body === null) {
    res.end();
    return;
  }
  // An answer of known, modest size (every JSON answer) goes out in one write; only the rest is streamed.
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (declared <= WHOLE_ANSWER_BYTES) {
    res.end(new Uint8Array(await response.arrayBuffer()));
    return;
  }
  Readable.fromWeb(response.body as WebReadableStream)
    .on("error", () => res.destroy())
    .pipe(res);
}

/**
 * The handlers by HTTP method, in their order: msw parses a request's URL and cookies for every handler it
 * tries, so a status call need not be offered to the submit handlers first.
 */
function byMethod(handlers: RequestHandler[]): (method: string) => RequestHandler[] {
  const cache = new Map<string, RequestHandler[]>();
  return (method) => {
    const upper = method.toUpperCase();
    let matching = cache.get(upper);
    if (matching === undefined) {
      matching = handlers.filter((handler) => {
        const wanted = (handler.info as { method?: unknown }).method;
        if (wanted instanceof RegExp) return wanted.test(upper);
        return typeof wanted !== "string" || wanted.toUpperCase() === upper;
      });
      cache.set(upper, matching);
    }
    return matching;
  };
}

/** The request as msw sees it, addressed to the server's own origin whatever Host the client sent. */
async function toFetchRequest(origin: string, req: IncomingMessage): Promise<Request> {
  const url = `${origin}${req.url ?? "/"}`;
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const method = req.method ?? "GET";
  const body = method === "GET" || method === "HEAD" ? undefined : await readBody(req);
  return new Request(url, { method, headers, ...(body && { body }) });
}

async function readBody(req: IncomingMessage): Promise<Buffer<ArrayBuffer>> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error("request body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
