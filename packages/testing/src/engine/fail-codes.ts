// The `fail=` directive is vendor-neutral: its codes are the ones below and those a vendor documents. Each vendor
// words a failure its own way, in the table its emulator module passes to `taskScript`.

/** The fail code of a task whose script ends failed without naming one. */
export const DEFAULT_FAIL_CODE = "UPSTREAM_ERROR";

/** A fail code's message in a vendor's words; a code the table lacks is named as is. */
export function failMessage(code: string, messages: Readonly<Record<string, string>>): string {
  return messages[code] ?? `Task failed: ${code}`;
}

/** Reference URLs on the reserved `.invalid` TLD stand for images the vendor cannot fetch. */
export function hasUnfetchableReference(urls: readonly string[]): boolean {
  return urls.some((url) => URL.canParse(url) && new URL(url).hostname.endsWith(".invalid"));
}
