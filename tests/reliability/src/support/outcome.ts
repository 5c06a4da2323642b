import { ImageGenError, ProviderError } from "@org/imagegen-core";

/** How the matrix names what a caller got: the error class, with the reason where there is one. */
export function outcomeOf(error: unknown): string {
  if (ProviderError.isInstance(error)) return `ProviderError (${error.reason})`;
  if (ImageGenError.isInstance(error)) return error.name;
  return `untyped ${error instanceof Error ? error.name : typeof error}: ${String(error)}`;
}
