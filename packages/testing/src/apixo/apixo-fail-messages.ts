/** APIXO's documented fail codes and their meaning, worded as the vendor words them. */
export const APIXO_FAIL_MESSAGES: Readonly<Record<string, string>> = {
  CONTENT_VIOLATION: "Content does not meet safety guidelines",
  INVALID_IMAGE_URL: "A reference image URL could not be fetched or decoded",
  INVALID_PARAMETER: "A model parameter is unsupported or malformed",
  INSUFFICIENT_BALANCE: "The account does not have enough balance for the task",
  UPSTREAM_ERROR: "Provider-side failure; retry with backoff or try another route",
  TIMEOUT: "Generation did not finish in time",
};
