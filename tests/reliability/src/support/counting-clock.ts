import type { Clock } from "@org/imagegen-core";

/** The real clock, keeping count of the client's timers that are still pending: none may outlive a call. */
export function countingClock(): Clock & { readonly pending: number } {
  const live = new Set<unknown>();
  return {
    now: () => Date.now(),
    setTimeout(callback, ms) {
      const timer = setTimeout(() => {
        live.delete(timer);
        callback();
      }, ms);
      live.add(timer);
      return timer;
    },
    clearTimeout(timer) {
      live.delete(timer);
      clearTimeout(timer as ReturnType<typeof setTimeout>);
    },
    get pending() {
      return live.size;
    },
  };
}
