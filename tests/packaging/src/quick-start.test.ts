import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { withoutRequireEsm } from "./support/node-flags.js";
import { run } from "./support/run.js";
import { scratch } from "./support/scratch.js";

const { app } = scratch();

const PNG_SIGNATURE = "89504e470d0a1a0a";

interface Outcome {
  requireModule?: boolean;
  images: { model: string; mediaType: string; head: string }[];
}

async function quickStart(nodeArgs: readonly string[], program: string): Promise<Outcome> {
  const ran = await run(process.execPath, [...nodeArgs, join(app, program)], app);
  expect(ran.code, ran.stderr).toBe(0);
  return JSON.parse(ran.stdout) as Outcome;
}

// Each program starts the loopback emulator, generates on both vendors through the unified client and downloads
// each image; the test sees only what the program printed.
const BOTH_VENDORS_PNG = [
  { model: "apixo:nano-banana", mediaType: "image/png", head: PNG_SIGNATURE },
  { model: "xingchaoyiqing:nano-banana", mediaType: "image/png", head: PNG_SIGNATURE },
];

describe("the README's quick start, run by a project that installed the tarballs", () => {
  it("as ESM (.mjs)", async () => {
    const outcome = await quickStart([], "quick-start.mjs");
    expect(outcome.images).toEqual(BOTH_VENDORS_PNG);
  });

  it("as CommonJS (.cjs)", async () => {
    const outcome = await quickStart([], "quick-start.cjs");
    expect(outcome.images).toEqual(BOTH_VENDORS_PNG);
  });

  it.skipIf(withoutRequireEsm === undefined)(
    "as CommonJS without require(esm), as Node 20 before 20.19 runs it",
    async () => {
      const outcome = await quickStart(withoutRequireEsm ?? [], "quick-start.cjs");
      expect(outcome.requireModule).toBe(false);
      expect(outcome.images).toEqual(BOTH_VENDORS_PNG);
    },
  );
});
