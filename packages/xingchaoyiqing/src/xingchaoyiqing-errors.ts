import type { FailureKind, TaskFailure } from "@org/imagegen-core";

/**
 * The vendor gives a failed task only a message, in English or Chinese, often the upstream model's own words. The
 * same outcome must be the same error class as on other vendors, so the wording is read: a refusal of the content
 * is `content_policy` (a `ContentPolicyError`), an account out of credit `insufficient_balance`. Patterns are
 * matched case-insensitively, anywhere in the message; extend them here when a new wording turns up.
 */
export const REFUSAL_PATTERNS: readonly RegExp[] = [
  /content[\s_-]*(?:policy|moderation|filter)/i,
  /safety/i, // "safety guidelines", "blocked by the safety system", the finish reason IMAGE_SAFETY
  /violat/i, // "violates", "violation"
  /inappropriate/i,
  /\bnsfw\b/i,
  /sensitive/i,
  /prohibited/i,
  /unsafe/i,
  /moderation/i,
  /违规/, // "against the rules"
  /违反/, // "violates"
  /敏感/, // "sensitive"
  /不安全/, // "unsafe"
  /不当/, // "inappropriate"
  /审核未通过|未通过审核|审核不通过/, // "did not pass review"
  /色情|涉黄|涉政|涉暴/, // "pornographic", "involves sexual / political / violent content"
];

/** Wording of an account that cannot pay for the task. */
export const BALANCE_PATTERNS: readonly RegExp[] = [
  /insufficient[\s_-]*(?:balance|credits?|quota|funds)/i,
  /(?:not|n't)(?: have)? enough (?:balance|credits?|quota|funds)/i,
  /balance (?:is )?(?:too low|insufficient)/i,
  /out of credits?/i,
  /余额不足/, // "balance insufficient"
  /额度不足/, // "quota insufficient"
  /积分不足/, // "credits insufficient"
  /欠费/, // "in arrears"
];

const CODES: Readonly<Record<FailureKind, string>> = {
  content_policy: "CONTENT_POLICY",
  insufficient_balance: "INSUFFICIENT_BALANCE",
  task_failed: "GENERATION_FAILED",
};

/** How a failure message reads: a content refusal, an account out of credit, or any other failure. */
export function failureKindOf(message: string): FailureKind {
  if (BALANCE_PATTERNS.some((pattern) => pattern.test(message))) return "insufficient_balance";
  if (REFUSAL_PATTERNS.some((pattern) => pattern.test(message))) return "content_policy";
  return "task_failed";
}

/**
 * A failed task, classified by its message. The code is ours (the vendor has none): `CONTENT_POLICY`,
 * `INSUFFICIENT_BALANCE` or `GENERATION_FAILED`; none is called retryable (nothing says the same request would
 * fare better).
 */
export function xingchaoyiqingFailure(
  error: string | { message?: string | null | undefined } | null | undefined,
): TaskFailure {
  const message = (typeof error === "string" ? error : error?.message) || "no reason given";
  const kind = failureKindOf(message);
  return { kind, code: CODES[kind], message, retryable: false };
}
