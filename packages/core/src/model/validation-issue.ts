/** One field of a request or option that cannot be used, and why. */
export interface ValidationIssue {
  /** Dotted path of the offending field, `""` for the request as a whole. */
  path: string;
  message: string;
}
