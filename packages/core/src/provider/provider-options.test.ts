import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ValidationError } from "../errors/errors.js";
import { parseProviderOptions } from "./provider-options.js";

const schema = z.strictObject({
  route: z.enum(["fast", "cheap"]).optional(),
  extra: z.object({}).optional(),
});

describe("reading an adapter's providerOptions", () => {
  it("returns the parsed options; none given is an empty object", () => {
    expect(parseProviderOptions(schema, { route: "fast" }, "acme")).toEqual({ route: "fast" });
    expect(parseProviderOptions(schema, undefined, "acme")).toEqual({});
  });

  it("a bad value is a ValidationError under providerOptions.<provider>, naming what it takes", () => {
    const read = () => parseProviderOptions(schema, { route: "slow" }, "acme");
    expect(read).toThrow(ValidationError);
    expect(read).toThrow(
      /^Invalid providerOptions\.acme: providerOptions\.acme\.route: .+ It takes route, extra\. Nothing was sent\.$/,
    );
  });

  it("an unknown key is reported at the entry itself", () => {
    try {
      parseProviderOptions(schema, { speed: 1 }, "acme");
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({
        provider: "acme",
        issues: [{ path: "providerOptions.acme", message: expect.stringContaining("speed") }],
      });
    }
  });

  it("a schema that is not an object lists no fields", () => {
    expect(() => parseProviderOptions(z.string(), 1, "acme")).toThrow(/: .+\. Nothing was sent\.$/);
  });
});
