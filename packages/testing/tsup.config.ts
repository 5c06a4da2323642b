import { defineConfig, type Options } from "tsup";

// msw's own CJS build requires ESM-only packages (rettime, until-async), so `require("msw")` fails before
// Node 20.19. Our CJS build therefore carries the parts of msw it uses; the ESM build imports the user's msw.
// Handlers are duck-typed, so those of the bundled copy still run in the user's `setupServer`. ky (callback
// deliveries) is ESM-only, so the CJS build carries it too.
const BUNDLED_IN_CJS = ["msw", "ky"];

const shared: Options = { sourcemap: true, target: "node20", platform: "node" };

export default defineConfig([
  {
    ...shared,
    // The vendor registry lives on globalThis, so the copies of it these entries carry still agree.
    entry: ["src/index.ts", "src/emulator-kit.ts"],
    format: ["esm", "cjs"],
    dts: true,
    // The bin and the suite are built alongside by the other configs, at the same time: leave their files alone.
    clean: ["!bin.js", "!bin.js.map", "!conformance.js", "!conformance.js.map", "!conformance.d.ts"],
    // `noExternal` applies to every format, so the ESM build marks the same packages external to esbuild again.
    noExternal: BUNDLED_IN_CJS,
    esbuildOptions(options, { format }) {
      if (format === "esm") options.external = [...(options.external ?? []), ...BUNDLED_IN_CJS];
    },
  },
  // The conformance suite runs in vitest, which loads ESM: no CJS copy.
  { ...shared, entry: ["src/conformance.ts"], format: ["esm"], dts: true, clean: false },
  // The bin is run by Node as ESM only (`bin/imagegen-emulator.js` imports it): no CJS copy, no types. The
  // named entry keeps it at dist/bin.js, though its source lives in src/server/.
  { ...shared, entry: { bin: "src/server/bin.ts" }, format: ["esm"] },
]);
