import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { scratch } from "./support/scratch.js";
import { type Manifest, ROOT, readManifest } from "./support/workspace-packages.js";

const { packages } = scratch();

// What npm and pnpm pack whatever `files` says.
const ALWAYS_PACKED = /^(package\.json|README\.md|LICENSE|CHANGELOG\.md)$/;
const NEVER_PUBLISHED =
  /(^|\/)(src|test-support|fixtures|coverage|node_modules)\/|\.test\.|(^|\/)(tsconfig|tsup\.config|vitest\.config)\b/;

/** Every file a manifest points at: exports targets (types included), main, module, types and bins. */
function pointedAt(manifest: Manifest): string[] {
  const leaves = (entry: unknown): string[] =>
    typeof entry === "string"
      ? [entry]
      : entry !== null && typeof entry === "object"
        ? Object.values(entry).flatMap(leaves)
        : [];
  const bins = typeof manifest.bin === "string" ? [manifest.bin] : Object.values(manifest.bin ?? {});
  return [manifest.exports, manifest.main, manifest.module, manifest.types, bins]
    .flatMap(leaves)
    .map((path) => path.replace(/^\.\//, ""));
}

describe("the published tarballs", () => {
  it("cover every publishable package, each a devDependency here so that turbo builds it first", async () => {
    expect(packages.length).toBeGreaterThan(0);
    const own = await readManifest(join(ROOT, "tests/packaging"));
    const unbuilt = packages.filter(({ name }) => own.devDependencies?.[name] === undefined);
    expect(unbuilt.map(({ name }) => name)).toEqual([]);
  });

  describe.each(packages.map((pkg) => [pkg.name, pkg] as const))("%s", (_, pkg) => {
    it("holds its `files`, a README and a license, and no sources, tests or configs", () => {
      expect(pkg.files).toEqual(expect.arrayContaining(["package.json", "README.md", "LICENSE"]));
      expect(pkg.files.filter((file) => NEVER_PUBLISHED.test(file))).toEqual([]);
      const roots = pkg.manifest.files ?? [];
      const stray = pkg.files.filter(
        (file) => !ALWAYS_PACKED.test(file) && !roots.some((root) => file.startsWith(`${root}/`)),
      );
      expect(stray).toEqual([]);
    });

    it("holds every file its exports map, entry fields and bins point at", () => {
      const targets = pointedAt(pkg.manifest);
      expect(targets.length).toBeGreaterThan(0);
      expect(targets.filter((target) => !pkg.files.includes(target))).toEqual([]);
    });

    it("carries what a registry page shows: repository and its folder, homepage, bugs, license, author", () => {
      const { repository, homepage, bugs, license, author, keywords, engines } = pkg.manifest;
      const folder = relative(ROOT, pkg.dir);
      expect(repository).toEqual({
        type: "git",
        url: "git+https://github.com/org/imagegen.git",
        directory: folder,
      });
      expect(homepage).toBe(`https://github.com/org/imagegen/tree/main/${folder}#readme`);
      expect(bugs).toEqual({ url: "https://github.com/org/imagegen/issues" });
      expect({ license, author, engines }).toEqual({
        license: "MIT",
        author: "The @org/imagegen authors",
        engines: { node: ">=20" },
      });
      expect(keywords?.length).toBeGreaterThan(2);
    });

    it("depends on version ranges, not on workspace links", () => {
      const { dependencies = {}, peerDependencies = {} } = pkg.manifest;
      const ranges = Object.entries({ ...dependencies, ...peerDependencies });
      expect(ranges.filter(([, range]) => range.startsWith("workspace:"))).toEqual([]);
    });
  });
});
