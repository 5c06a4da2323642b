/** Characters that split or escape a path segment, in plain or percent-encoded form, and control characters. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
const SEPARATOR = /[/\\\u0000-\u001f\u007f]|%2f|%5c/i;

/**
 * Whether an identifier (a task id, a model id) can go into a URL path as one segment. `.` and `..` cannot:
 * URL normalisation removes them, so `statusTask/..?taskId=…` becomes a request for the API root with the key
 * attached, and percent-encoding leaves them as they are. Their `%2e` spellings and anything with a separator
 * cannot either, for an adapter that puts an id into a path without encoding it.
 */
export function isPathSegment(value: string): boolean {
  if (value === "" || SEPARATOR.test(value)) return false;
  const dots = value.replace(/%2e/gi, ".");
  return dots !== "." && dots !== "..";
}

/** What `isPathSegment` refuses, in words for a `ValidationIssue`. */
export const PATH_SEGMENT_RULE =
  "must be usable as one URL path segment: not empty, not `.` or `..`, without `/`, `\\` or control characters";
