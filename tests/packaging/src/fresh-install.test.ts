import { dirname, join, normalize } from "node:path";
import { expect, it } from "vitest";
import { runOrThrow } from "./support/run.js";
import { type Manifest, ROOT, readManifest } from "./support/workspace-packages.js";

// pnpm links every workspace package's bins at install, before anything is built, and warns about each bin
// whose file is missing; a bin in the build output (`dist/`) is missing in every fresh clone.
it("every bin in the workspace is a committed executable, so a fresh install links it", async () => {
  const tracked = await runOrThrow("git", ["ls-files", "--stage"], ROOT);
  const modes = new Map(
    tracked
      .split("\n")
      .filter(Boolean)
      .map((line) => {
        const [mode = "", , , path = ""] = line.split(/\s+/);
        return [path, mode] as const;
      }),
  );
  const manifests = [...modes.keys()].filter((path) => path.endsWith("package.json"));
  const bins: { bin: string; mode: string }[] = [];
  for (const path of manifests) {
    const manifest: Manifest = await readManifest(join(ROOT, dirname(path)));
    const targets = typeof manifest.bin === "string" ? [manifest.bin] : Object.values(manifest.bin ?? {});
    for (const target of targets) {
      const bin = normalize(join(dirname(path), target));
      bins.push({ bin, mode: modes.get(bin) ?? "not committed" });
    }
  }
  expect(bins.length).toBeGreaterThan(0);
  expect(bins).toEqual(bins.map(({ bin }) => ({ bin, mode: "100755" })));
});
