import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type Condition, exportedSpecifiers, exportTarget } from "./support/exports-map.js";
import { withoutRequireEsm } from "./support/node-flags.js";
import { run } from "./support/run.js";
import { scratch } from "./support/scratch.js";

const { app, packages } = scratch();

interface Loaded {
  requireModule?: boolean;
  loaded: Record<string, { file: string; names: string[] }>;
}

// Every subpath of every exports map, found in the installed manifests: a new package or subpath is covered.
const subpaths = packages.flatMap((pkg) =>
  exportedSpecifiers(pkg.manifest).map((specifier) => ({ specifier, pkg })),
);
const specifiers = subpaths.map(({ specifier }) => specifier);
// A subpath without a `require` target is ESM only: the adapter conformance suite, which runs inside vitest.
const requirable = subpaths.filter(({ specifier, pkg }) => exportTarget(pkg.manifest, specifier, "require"));
const required = (condition: Condition) => (condition === "require" ? requirable : subpaths);

async function load(nodeArgs: readonly string[], program: string, condition: Condition): Promise<Loaded> {
  const list = required(condition).map(({ specifier }) => specifier);
  const ran = await run(process.execPath, [...nodeArgs, join(app, program), ...list], app);
  expect(ran.code, ran.stderr).toBe(0);
  return JSON.parse(ran.stdout) as Loaded;
}

/** The file the exports map names for each subpath under `condition`. */
function expectedFiles(condition: Condition): Record<string, string> {
  return Object.fromEntries(
    required(condition).map(({ specifier, pkg }) => {
      const target = exportTarget(pkg.manifest, specifier, condition);
      return [specifier, target === undefined ? "(none)" : join(pkg.installedDir, target)];
    }),
  );
}

const files = (result: Loaded) =>
  Object.fromEntries(Object.entries(result.loaded).map(([specifier, { file }]) => [specifier, file]));
const names = (result: Loaded) =>
  Object.fromEntries(
    Object.entries(result.loaded)
      .filter(([specifier]) => requirable.some((subpath) => subpath.specifier === specifier))
      .map(([specifier, loaded]) => [specifier, loaded.names]),
  );

describe("every subpath of every exports map, installed from the tarballs", () => {
  let imported: Loaded;
  beforeAll(async () => {
    imported = await load([], "load-exports.mjs", "import");
  });

  it("imports from the ESM build", () => {
    expect(specifiers.length).toBeGreaterThan(0);
    expect(files(imported)).toEqual(expectedFiles("import"));
  });

  it("requires from the CJS build, with the same names as the ESM build", async () => {
    const required = await load([], "load-exports.cjs", "require");
    expect(files(required)).toEqual(expectedFiles("require"));
    expect(names(required)).toEqual(names(imported));
  });

  it.skipIf(withoutRequireEsm === undefined)(
    "requires without require(esm), as Node 20 before 20.19 does",
    async () => {
      const required = await load(withoutRequireEsm ?? [], "load-exports.cjs", "require");
      expect(required.requireModule).toBe(false);
      expect(files(required)).toEqual(expectedFiles("require"));
      expect(names(required)).toEqual(names(imported));
    },
  );
});
