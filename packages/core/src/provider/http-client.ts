import { ValidationError } from "../errors/errors.js";
import { DEFAULT_MAX_RESPONSE_BYTES, type ReadContext, readAnswer } from "./wire.js";

export interface HttpClientOptions {
  /** The vendor's API base; the key is attached only to requests under it. */
  baseUrl: string;
  apiKey: () => string;
  fetch?: typeof globalThis.fetch | undefined;
  /**
   * Answers larger than this are not read whole: `read` stops at the limit and throws a
   * `ProviderError` ("too_large"). Default `DEFAULT_MAX_RESPONSE_BYTES` (1 MiB).
   */
  maxResponseBytes?: number | undefined;
}

export interface HttpRequestOptions {
  signal?: AbortSignal | undefined;
  /** Sent as the URL's query. */
  searchParams?: Readonly<Record<string, string | number | boolean>> | undefined;
  /** Sent as a JSON body. */
  json?: unknown;
  headers?: Readonly<Record<string, string>> | undefined;
}

/** One call to the vendor's API, and the one way to read its answer. */
export interface HttpClient {
  get(path: string, options?: HttpRequestOptions): Promise<Response>;
  post(path: string, options?: HttpRequestOptions): Promise<Response>;
  /**
   * Reads an answer of this client once, at most `maxResponseBytes` of it (unless `context.maxBytes` says
   * otherwise), with the API key its request carried redacted (a vendor that echoes the
   * key back must not put it into errors or `raw`); an error status becomes its typed error. See `readResponse`.
   */
  read(response: Response, context: ReadContext): Promise<unknown>;
}

/**
 * A path that is absolute, has a scheme, holds a `.`/`..` segment (`%2e` is a dot to URL parsers) or a
 * backslash (a slash to them), any of which may resolve outside the base.
 */
const LEAVES_BASE = /^[a-z][a-z\d+.-]*:|^\/|(^|\/)(\.|%2e){1,2}(\/|$|\?|#)|\\/i;

/**
 * An adapter's HTTP client: `fetch` with bearer auth added only under the vendor's own base URL, redirects not
 * followed (they would leave the API host), and no retries, timeouts or thrown HTTP errors of its own: the
 * client owns those and the adapter maps statuses. Read every answer with its `read`, which bounds it and
 * redacts the key from anything the vendor echoes back.
 */
export function createHttpClient({
  baseUrl,
  apiKey,
  fetch,
  maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES,
}: HttpClientOptions): HttpClient {
  if (!(maxResponseBytes > 0 && Number.isSafeInteger(maxResponseBytes))) {
    throw new ValidationError(
      `maxResponseBytes must be a positive whole number of bytes, got ${maxResponseBytes}.`,
    );
  }
  const base = baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`;
  // The global fetch is looked up per call, so one patched later (msw, a test double) still applies.
  const send = fetch ?? ((input, init) => globalThis.fetch(input, init));
  // The key each answer's request carried, for `read` to redact: a key that rotates between the request and the
  // read is still the one the vendor may echo. Held only as long as the answer itself.
  const sentKeys = new WeakMap<Response, string>();
  const call = async (method: string, path: string, options: HttpRequestOptions = {}) => {
    const { signal, searchParams, json } = options;
    const query = searchParams && new URLSearchParams(searchParams as Record<string, string>).toString();
    const target = query ? `${path}?${query}` : path;
    // A plain relative path stays under the base as written; anything else is resolved to see where it goes.
    const url = LEAVES_BASE.test(path) ? new URL(target, base).href : base + target;
    const headers: Record<string, string> = { accept: "application/json", ...options.headers };
    const key = url.startsWith(base) ? apiKey() : undefined;
    if (key !== undefined) headers.authorization = `Bearer ${key}`;
    const init: RequestInit = { method, headers, signal: signal ?? null, redirect: "manual" };
    if (json !== undefined) {
      init.body = JSON.stringify(json);
      headers["content-type"] = "application/json";
    }
    const response = await send(url, init);
    if (key !== undefined) sentKeys.set(response, key);
    return response;
  };
  return {
    get: (path, options) => call("GET", path, options),
    post: (path, options) => call("POST", path, options),
    read: (response, context) =>
      readAnswer(response, context, { maxBytes: maxResponseBytes, key: sentKeys.get(response) }),
  };
}
