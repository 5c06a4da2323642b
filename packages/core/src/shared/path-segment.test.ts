import { describe, expect, it } from "vitest";
import { isPathSegment } from "./path-segment.js";

describe("identifiers that go into a URL path", () => {
  it.each(["task_0123456789abcdefghij", "nb_x1", "nano-banana-pro", "seedream-4.0", "...", "a..b", "%41"])(
    "%s is one segment",
    (id) => {
      expect(isPathSegment(id)).toBe(true);
    },
  );

  it.each([
    ["", "empty"],
    [".", "a dot segment"],
    ["..", "a dot segment"],
    ["%2e", "a dot segment, percent-encoded"],
    [".%2E", "a dot segment, percent-encoded"],
    ["%2e%2e", "a dot segment, percent-encoded"],
    ["a/b", "a separator"],
    ["a\\b", "a backslash, which URL parsers read as a separator"],
    ["..%2fadmin", "an encoded separator"],
    ["a%5Cb", "an encoded backslash"],
    [".\t.", "a control character (URL parsers drop tabs, leaving `..`)"],
    ["a\nb", "a control character"],
  ])("%j is not: %s", (id) => {
    expect(isPathSegment(id)).toBe(false);
  });

  it("URL normalisation is what makes dot segments dangerous", () => {
    expect(
      new URL(`statusTask/${encodeURIComponent("..")}?taskId=1`, "https://api.test/api/v1/").pathname,
    ).toBe("/api/v1/");
  });
});
