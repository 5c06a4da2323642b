import { describe, expect, it } from "vitest";
import { acmeModels } from "../test-support/acme-provider.js";
import { expectedLatency } from "./capabilities.js";

describe("expected latency", () => {
  it("uses the per-resolution range when the table has one", () => {
    expect(expectedLatency(acmeModels.large, "2K")).toEqual({ min: 30_000, max: 45_000 });
  });
  it("falls back to the model's range for other or no resolutions", () => {
    expect(expectedLatency(acmeModels.large, "1K")).toEqual({ min: 20_000, max: 30_000 });
    expect(expectedLatency(acmeModels.large, undefined)).toEqual({ min: 20_000, max: 30_000 });
  });
});
