import { expect, vi } from "vitest";

/** Where virtual time starts, so timestamps in assertions are easy to read. */
export const VIRTUAL_EPOCH = "2026-01-01T00:00:00.000Z";

/** Switches to fake timers with the clock at `VIRTUAL_EPOCH`. */
export function useVirtualTime(): void {
  vi.useFakeTimers({ now: new Date(VIRTUAL_EPOCH) });
}

/** Runs a promise to completion on virtual time, returning its value or its error. */
export async function settle<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  const outcome = promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  await vi.runAllTimersAsync();
  return outcome;
}

/** The value of a call that must succeed on virtual time; its error is rethrown as is. */
export async function succeeds<T>(promise: Promise<T>): Promise<T> {
  const { value, error } = await settle(promise);
  if (error !== undefined) throw error;
  return value as T;
}

/** The error of a call that must fail on virtual time. */
export async function fails(promise: Promise<unknown>): Promise<Error> {
  const { error } = await settle(promise);
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}
