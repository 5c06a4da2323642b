// APIXO's codes serve both emulators, so they live in the engine: the `fail=` directive is vendor-neutral. Each
// vendor words the failure its own way: APIXO as below, xingchaoyiqing (which documents no codes, only an `error`
// message) as in xingchaoyiqing/xingchaoyiqing-fail-messages.ts.

/** APIXO's documented fail codes and their meaning, worded as the vendor words them. */
export const FAIL_MESSAGES: Readonly<Record<string, string>> = {
  CONTENT_VIOLATION: "Content does not meet safety guidelines",
  INVALID_IMAGE_URL: "A reference image URL could not be fetched or decoded",
  INVALID_PARAMETER: "A model parameter is unsupported or malformed",
  INSUFFICIENT_BALANCE: "The account does not have enough balance for the task",
  UPSTREAM_ERROR: "Provider-side failure; retry with backoff or try another route",
  TIMEOUT: "Generation did not finish in time",
};

/** The fail code of a task whose script ends failed without naming one. */
export const DEFAULT_FAIL_CODE = "UPSTREAM_ERROR";

/** A fail code's message in a vendor's words (APIXO's by default); a code the table lacks is named as is. */
export function failMessage(
  code: string,
  messages: Readonly<Record<string, string>> = FAIL_MESSAGES,
): string {
  return messages[code] ?? `Task failed: ${code}`;
}

/** Reference URLs on the reserved `.invalid` TLD stand for images the vendor cannot fetch. */
export function hasUnfetchableReference(urls: readonly string[]): boolean {
  return urls.some((url) => URL.canParse(url) && new URL(url).hostname.endsWith(".invalid"));
}
