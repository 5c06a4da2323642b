import { afterAll, beforeAll } from "vitest";

/** Counts unhandled promise rejections while a test file runs; the suite asserts the count stays zero. */
export function watchUnhandledRejections(): { readonly count: number } {
  const seen = { count: 0 };
  const listener = () => {
    seen.count++;
  };
  beforeAll(() => {
    process.on("unhandledRejection", listener);
  });
  afterAll(() => {
    process.off("unhandledRejection", listener);
  });
  return seen;
}
