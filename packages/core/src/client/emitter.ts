import type { EventListener, ImageGenEvent } from "../lifecycle/events.js";
import type { Logger } from "../model/logger.js";

/** Sends an event to every listener; a listener that throws is logged, never allowed to break the task. */
export function createEmitter(logger: Logger, ...listeners: (EventListener | undefined)[]): EventListener {
  return (event: ImageGenEvent): void => {
    logger.debug?.(`imagegen ${event.type}`, { ...event });
    for (const listener of listeners) {
      try {
        listener?.(event);
      } catch (error) {
        logger.error?.("onEvent listener threw", { event: event.type, error: String(error) });
      }
    }
  };
}
