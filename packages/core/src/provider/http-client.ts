import ky, { type KyInstance } from "ky";

export interface HttpClientOptions {
  /** The vendor's API base; the key is attached only to requests under it. */
  baseUrl: string;
  apiKey: () => string;
  fetch?: typeof globalThis.fetch | undefined;
}

/**
 * A ky instance for an adapter: bearer auth added only for the vendor's own base URL, the key redacted
 * from anything the vendor echoes back, redirects not followed (they would leave the API host), and no
 * retries, timeouts or thrown HTTP errors of ky's own: the client owns those and the adapter maps statuses.
 */
export function createHttpClient({ baseUrl, apiKey, fetch }: HttpClientOptions): KyInstance {
  const base = baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`;
  // The global fetch is looked up per call, so one patched later (msw, a test double) still applies.
  const send = fetch ?? ((input, init) => globalThis.fetch(input, init));
  return ky.create({
    prefixUrl: base,
    // Redaction wraps fetch rather than being an afterResponse hook: ky clones the response for each such
    // hook, which would read every answer twice on the status hot path.
    fetch: async (input, init) => redactKey(await send(input, init), apiKey()),
    retry: 0,
    timeout: false,
    throwHttpErrors: false,
    redirect: "manual",
    hooks: {
      beforeRequest: [
        (request) => {
          if (request.url.startsWith(base)) request.headers.set("authorization", `Bearer ${apiKey()}`);
        },
      ],
    },
  });
}

/** Shorter keys are not redacted: a key like "test" would also match ordinary words of every answer. */
const MIN_REDACTED_KEY_LENGTH = 8;

/**
 * A vendor that echoes the key back ("invalid key sk-…") must not put it into our errors or `raw`. The body is
 * read once and handed on as a fresh response with the same status, headers and URL.
 */
async function redactKey(response: Response, key: string): Promise<Response> {
  if (response.body === null || key.length < MIN_REDACTED_KEY_LENGTH) return response;
  const text = await response.text();
  const { status, statusText, headers, url } = response;
  const body = text.includes(key) ? text.replaceAll(key, "[redacted]") : text;
  return Object.defineProperty(new Response(body, { status, statusText, headers }), "url", { value: url });
}
