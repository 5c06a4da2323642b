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
  schedule: (run: () => void, delayMs: number) => void;
  onAttempt: (delivery: CallbackDelivery) => void;
}

/** POSTs a payload until the receiver answers 200 or the redeliveries run out. */
export function deliverCallback(
  options: CallbackSenderOptions,
  taskId: string,
  url: string,
  payload: () => unknown,
  attempt = 1,
): void {
  const timeoutMs = Math.max(RECEIVER_TIMEOUT_MS * options.timeScale, MIN_RECEIVER_TIMEOUT_MS);
  const fetchImpl = options.fetch?.() ?? globalThis.fetch;
  const done = (status: number | undefined, error: string | undefined) => {
    options.onAttempt({ taskId, url, attempt, at: Date.now(), status, error });
    const delay = REDELIVERY_DELAYS_MS[attempt - 1];
    if (status !== 200 && delay !== undefined) {
      options.schedule(
        () => deliverCallback(options, taskId, url, payload, attempt + 1),
        delay * options.timeScale,
      );
    }
  };
  fetchImpl(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(payload()),
    signal: AbortSignal.timeout(timeoutMs),
  }).then(
    async (response) => {
      done(response.status, undefined);
      // Drain, so the connection can be reused; what the receiver says does not matter.
      await response.arrayBuffer().catch(() => undefined);
    },
    (error: unknown) => done(undefined, error instanceof Error ? error.message : String(error)),
  );
}
