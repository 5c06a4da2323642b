import type { ImageGenEvent } from "./events.js";

/**
 * Turns a waiting call into an async iterator of its events. Leaving the loop early aborts the wait; when
 * the wait fails, the iterator throws its error after yielding every event that came before.
 */
export async function* watchTask(
  run: (onEvent: (event: ImageGenEvent) => void, signal: AbortSignal) => Promise<unknown>,
  parent: AbortSignal | undefined,
): AsyncGenerator<ImageGenEvent, void, undefined> {
  const controller = new AbortController();
  const onParentAbort = () => controller.abort(parent?.reason);
  if (parent?.aborted) onParentAbort();
  else parent?.addEventListener("abort", onParentAbort, { once: true });

  const events: ImageGenEvent[] = [];
  let wake: (() => void) | undefined;
  let outcome: { error: unknown } | undefined;
  let done = false;
  const running = run((event) => {
    events.push(event);
    wake?.();
  }, controller.signal).then(
    () => undefined,
    (error: unknown) => {
      outcome = { error };
    },
  );
  running.finally(() => {
    done = true;
    wake?.();
  });

  try {
    for (;;) {
      const event = events.shift();
      if (event) {
        yield event;
      } else if (done) {
        break;
      } else {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
      }
    }
    if (outcome) throw outcome.error;
  } finally {
    controller.abort();
    parent?.removeEventListener("abort", onParentAbort);
    await running;
  }
}
