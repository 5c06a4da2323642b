import { join } from "node:path";
import { expect, it } from "vitest";
import { run } from "./support/run.js";
import { scratch } from "./support/scratch.js";

const { app } = scratch();

// The testing package's CJS build carries its own copy of msw (msw's CJS cannot be required without
// require(esm)); its handlers must still run in the user's msw, which needs require(esm) itself.
it.skipIf(!process.features.require_module)(
  "a CommonJS project's own msw serves the CJS build's emulator handlers to the client",
  async () => {
    const ran = await run(process.execPath, [join(app, "msw-handlers.cjs")], app);
    expect(ran.code, ran.stderr).toBe(0);
    expect(JSON.parse(ran.stdout)).toEqual({ mediaType: "image/png", head: "89504e470d0a1a0a", submits: 1 });
  },
);
