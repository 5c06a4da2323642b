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
  return ky.create({
    prefixUrl: base,
    ...(fetch ? { fetch } : {}),
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
      // A vendor that echoes the key back ("invalid key sk-…") must not put it into our errors or `raw`.
      afterResponse: [
        async (_request, _options, response) => {
          const text = await response.clone().text();
          const key = apiKey();
          if (!text.includes(key)) return response;
          const { status, statusText, headers } = response;
          return new Response(text.replaceAll(key, "[redacted]"), { status, statusText, headers });
        },
      ],
    },
  });
}
