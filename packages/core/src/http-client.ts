import ky, { type KyInstance } from "ky";

export interface HttpClientOptions {
  /** The vendor's API base; the key is attached only to requests under it. */
  baseUrl: string;
  apiKey: () => string;
  fetch?: typeof globalThis.fetch | undefined;
}

/**
 * A ky instance for an adapter: bearer auth added only for the vendor's own base URL, and no retries,
 * timeouts or thrown HTTP errors of ky's own, because the client owns those and the adapter maps statuses.
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
    },
  });
}
