import { describe } from "vitest";
import type { AdapterConformanceOptions } from "./adapter-spec.js";
import { describeCallbacks } from "./callback-conformance.js";
import { conformanceWorld } from "./conformance-world.js";
import { describeFaults } from "./fault-conformance.js";
import { describeOutcomes } from "./outcome-conformance.js";
import { describeSecrets } from "./secret-conformance.js";
import { describeWire } from "./wire-conformance.js";

/**
 * The adapter conformance suite: runs an adapter through the unified client against its vendor's emulator on
 * virtual time, covering the wire, every state, every documented fail code and fault, callbacks and the API key.
 * Call it at the top level of a vitest file of its own (it brings its own msw server).
 */
export function describeAdapter(options: AdapterConformanceOptions): void {
  const id = typeof options.vendor === "string" ? options.vendor : options.vendor.id;
  describe(`adapter conformance: ${id}:${options.model}`, () => {
    const world = conformanceWorld(options);
    describeWire(world, options);
    describeOutcomes(world, options);
    describeFaults(world, options);
    describeCallbacks(world, options);
    describeSecrets(world, options);
  });
}
