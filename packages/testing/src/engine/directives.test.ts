import { describe, expect, it } from "vitest";
import { DirectiveError, parseDirectives, parseScheduledFault } from "./directives.js";

describe("the [emulator: …] prompt marker", () => {
  it("leaves prompts without a marker (or non-string prompts) to the default behaviour", () => {
    expect(parseDirectives("a fox in watercolor")).toEqual({});
    expect(parseDirectives(undefined)).toEqual({});
    expect(parseDirectives(42)).toEqual({});
  });

  it("reads every directive, anywhere in the prompt, with or without the colon", () => {
    expect(
      parseDirectives(
        "a fox [emulator fail=TIMEOUT duration=5000 states=pending,odd,failed result=empty image=404 submit=429*2 status=slow:100+after]",
      ),
    ).toEqual({
      fail: "TIMEOUT",
      durationMs: 5000,
      states: ["pending", "odd", "failed"],
      result: "empty",
      image: { kind: "http", status: 404 },
      submit: { fault: { kind: "http", status: 429 }, times: 2 },
      status: { fault: { kind: "slow", delayMs: 100, after: true }, times: 1 },
    });
    expect(parseDirectives("[EMULATOR: never] a fox")).toEqual({ never: true });
  });

  it.each([
    ["[emulator: explode]", 'unknown emulator directive "explode"'],
    ["[emulator: fail=]", 'emulator directive "fail" needs a value'],
    ["[emulator: duration=soon]", '"duration" needs a number, got "soon"'],
    ["[emulator: duration=-1]", '"duration" needs a number, got "-1"'],
    ["[emulator: states=,]", "states needs at least one state"],
    ["[emulator: result=broken]", '"result" must be one of not-json, missing, empty, got "broken"'],
  ])("refuses %s", (prompt, message) => {
    expect(() => parseDirectives(prompt)).toThrow(new DirectiveError(message));
  });
});

describe("fault specs", () => {
  it.each([
    ["500", { kind: "http", status: 500 }],
    ["429+retry:3", { kind: "http", status: 429, retryAfter: "3" }],
    ["html:502", { kind: "html", status: 502 }],
    ["in-body:402", { kind: "in-body", code: 402 }],
    ["malformed+after", { kind: "malformed", after: true }],
    ["reset", { kind: "reset" }],
    ["huge", { kind: "huge" }],
    ["redirect", { kind: "redirect" }],
    ["slow:250", { kind: "slow", delayMs: 250 }],
  ])("reads %s", (spec, fault) => {
    expect(parseScheduledFault(spec)).toEqual({ fault, times: 1 });
  });

  it("writes retry-date as an HTTP date that many seconds ahead", () => {
    const { fault } = parseScheduledFault("429+retry-date:60");
    const retryAfter = fault.kind === "http" ? fault.retryAfter : undefined;
    expect(Math.abs(new Date(retryAfter ?? "").getTime() - (Date.now() + 60_000))).toBeLessThan(1_000);
  });

  it.each([
    ["teapot", 'unknown fault "teapot"'],
    ["html:99", 'bad status in "html:99"'],
    ["html:5.5", 'bad status in "html:5.5"'],
    ["slow", 'emulator directive "slow" needs a value'],
    ["500+later", 'unknown fault modifier "later" in "500+later"'],
    ["reset+retry:2", 'unknown fault modifier "retry:2" in "reset+retry:2"'],
    ["500*0", 'bad repeat count in "500*0"'],
    ["500*1.5", 'bad repeat count in "500*1.5"'],
  ])("refuses %s", (spec, message) => {
    expect(() => parseScheduledFault(spec)).toThrow(new DirectiveError(message));
  });
});
