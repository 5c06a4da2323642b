import ky from "ky";

/** One attempt to deliver a callback, as the receiver answered it. */
export interface CallbackDelivery {
  readonly taskId: string;
  readonly url: string;
  /** 1 for the first delivery, 2–4 for redeliveries. */
  readonly attempt: number;
  readonly at: number;
  /** The receiver's HTTP status; undefined when it could not be reached or did not answer in time. */
  readonly status: number | undefined;
  readonly error: string | undefined;
}

/** APIXO: answer 200 within 30 s, else up to 3 redeliveries with growing delays, the first after about 30 s. */
export const REDELIVERY_DELAYS_MS = [30_000, 60_000, 120_000] as const;
export const RECEIVER_TIMEOUT_MS = 30_000;
/** A scaled receiver timeout below this would count a busy test process as a receiver failure. */
const MIN_RECEIVER_TIMEOUT_MS = 1_000;

export interface CallbackSenderOptions {
  timeScale: number;
  fetch: (() => typeof fetch) | undefined;
  /** Aborts the delivery and its pending redeliveries (the emulator's reset or close). */
  signal: AbortSignal;
  onAttempt: (delivery: CallbackDelivery) => void;
}

/**
 * POSTs a payload until the receiver answers 200 or the redeliveries run out. ky's retry does the waiting: a
 * non-200 answer forces a retry from `afterResponse` (ky by default neither retries a POST nor a 404 or a 204),
 * a network error is retried as it is, and a receiver that does not answer in time is retried by `retryOnTimeout`.
 */
export function deliverCallback(
  options: CallbackSenderOptions,
  taskId: string,
  url: string,
  payload: unknown,
): void {
  const timeoutMs = Math.max(RECEIVER_TIMEOUT_MS * options.timeScale, MIN_RECEIVER_TIMEOUT_MS);
  let attempt = 0;
  const record = (status: number | undefined, error: string | undefined) => {
    if (!options.signal.aborted) options.onAttempt({ taskId, url, attempt, at: Date.now(), status, error });
  };
  // Each call of this fetch is one delivery attempt, however it ends.
  const attemptOnce: typeof fetch = async (input, init) => {
    attempt++;
    const fetchImpl = options.fetch?.() ?? globalThis.fetch;
    try {
      const response = await fetchImpl(input, init);
      record(response.status, undefined);
      return response;
    } catch (error) {
      const timedOut = input instanceof Request && input.signal.aborted;
      record(undefined, timedOut ? `no answer within ${timeoutMs} ms` : describe(error));
      throw error;
    }
  };
  ky.post(url, {
    json: payload,
    fetch: attemptOnce,
    signal: options.signal,
    timeout: timeoutMs,
    throwHttpErrors: false,
    retry: {
      limit: REDELIVERY_DELAYS_MS.length,
      methods: ["post"],
      retryOnTimeout: true,
      delay: (retry) => (REDELIVERY_DELAYS_MS[retry - 1] ?? 0) * options.timeScale,
    },
    hooks: {
      afterResponse: [(_request, _options, response) => (response.status === 200 ? response : ky.retry())],
    },
  }).then(
    // Drain, so the connection can be reused; what the receiver says does not matter.
    (response) => response.arrayBuffer().catch(() => undefined),
    () => undefined, // every attempt is recorded already; the last one failed
  );
}

function describe(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { message?: unknown } | undefined) : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return typeof cause?.message === "string" ? `${message}: ${cause.message}` : message;
}
