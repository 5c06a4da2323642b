import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { zodIssues } from "./zod-issues.js";

function issuesOf(schema: z.core.$ZodType, value: unknown) {
  const parsed = z.safeParse(schema, value);
  if (parsed.success) throw new Error("expected the value to fail");
  return zodIssues(parsed.error);
}

describe("validation messages in plain words (zod/mini carries no catalogue)", () => {
  it.each([
    ["a wrong type", z.object({ n: z.number() }), { n: "1" }, { path: "n", message: "expected number" }],
    ["a value not in the list", z.enum(["a", "b"]), "c", { path: "", message: 'expected one of "a", "b"' }],
    [
      "too short",
      z.string().check(z.minLength(2)),
      "x",
      { path: "", message: "must be at least 2 characters long" },
    ],
    [
      "too long",
      z.string().check(z.maxLength(1)),
      "xy",
      { path: "", message: "must be at most 1 character long" },
    ],
    ["too small", z.number().check(z.minimum(3)), 1, { path: "", message: "must be at least 3" }],
    ["too big", z.number().check(z.maximum(3)), 5, { path: "", message: "must be at most 3" }],
    ["one unknown key", z.strictObject({}), { a: 1 }, { path: "", message: 'unknown key "a"' }],
    ["unknown keys", z.strictObject({}), { a: 1, b: 2 }, { path: "", message: 'unknown keys "a", "b"' }],
    ["a bad format", z.email(), "nope", { path: "", message: "must be a valid email" }],
    [
      "no member of a union",
      z.union([z.number(), z.boolean()]),
      "x",
      { path: "", message: "matches none of the accepted forms" },
    ],
    [
      "our own wording",
      z.string().check(z.refine(() => false, { error: "must rhyme" })),
      "x",
      { path: "", message: "must rhyme" },
    ],
    [
      "anything else",
      z.array(z.number()).check(z.refine(() => false)),
      [],
      { path: "", message: "is invalid" },
    ],
  ])("%s", (_, schema, value, expected) => {
    expect(issuesOf(schema, value)).toEqual([expected]);
  });

  it("joins nested paths with dots", () => {
    expect(issuesOf(z.object({ a: z.array(z.object({ b: z.string() })) }), { a: [{ b: 1 }] })).toEqual([
      { path: "a.0.b", message: "expected string" },
    ]);
  });
});
