const NO_REQUIRE_ESM = "--no-experimental-require-module";

/**
 * Node's arguments for a CommonJS run without require(esm), as on Node 20 before 20.19: none where it is off
 * already, the switch where it is on; undefined where this Node cannot turn it off.
 */
export const withoutRequireEsm: string[] | undefined = !process.features.require_module
  ? []
  : process.allowedNodeEnvironmentFlags.has(NO_REQUIRE_ESM)
    ? [NO_REQUIRE_ESM]
    : undefined;
