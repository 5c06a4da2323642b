import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type Ran, run } from "./support/run.js";
import { scratch } from "./support/scratch.js";
import { publishablePackages } from "./support/workspace-packages.js";

const { packages } = scratch();
const tarballs = new Map(packages.map((pkg) => [pkg.name, pkg.tarball]));
const folders: string[] = [];
afterAll(() => Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))));

/** The package names on each `npm install` line of a README, flags left out. */
function installLines(readme: string): string[][] {
  return [...readme.matchAll(/^npm install (.+)$/gm)].map((match) =>
    (match[1] ?? "").split(/\s+/).filter((word) => word !== "" && !word.startsWith("-")),
  );
}

/** The name a spec installs: `ioredis@5` is `ioredis`, `@scope/name@1` is `@scope/name`. */
const nameOf = (spec: string) => spec.replace(/(?<=.)@.*$/, "");

const npm = (args: readonly string[], cwd: string): Promise<Ran> =>
  run("npm", [...args, "--no-audit", "--no-fund"], cwd);

const workspace = await publishablePackages();
const cases = await Promise.all(
  workspace.map(async ({ dir, manifest }) => ({
    name: manifest.name,
    // Optional peers (the testing package's conformance suite needs vitest) are the user's choice to install.
    peers: Object.keys(manifest.peerDependencies ?? {}).filter(
      (peer) => !manifest.peerDependenciesMeta?.[peer]?.optional,
    ),
    lines: installLines(await readFile(join(dir, "README.md"), "utf8")),
  })),
);

// A user copies the README's line into a new project, commits the lockfile, and CI runs `npm ci`: the line must
// pick versions inside every peer range (an unpinned peer takes its newest major), or npm ci stops at ERESOLVE.
describe.each(cases.map((entry) => [entry.name, entry] as const))(
  "%s's README",
  (_, { name, peers, lines }) => {
    it("gives an install line that names every peer the package declares", () => {
      expect(lines.length).toBeGreaterThan(0);
      for (const specs of lines) expect(specs.map(nameOf)).toEqual(expect.arrayContaining([name, ...peers]));
    });

    // Two real npm runs per line, against npm's registry: on two busy cores they take minutes, not seconds.
    it("installs, as written, a project that npm ci accepts", { timeout: 600_000 }, async () => {
      for (const specs of lines) {
        const app = await mkdtemp(join(tmpdir(), "imagegen-readme-install-"));
        folders.push(app);
        await run("npm", ["init", "-y"], app);
        // Our packages from the packed tarballs (not yet on a registry); everything else as the line spells it.
        const resolved = specs.map((spec) => tarballs.get(nameOf(spec)) ?? spec);
        const installed = await npm(["install", ...resolved], app);
        expect(installed.code, installed.stderr).toBe(0);
        expect(installed.stderr).not.toMatch(/ERESOLVE|peer dep/i);
        const ci = await npm(["ci"], app);
        expect(ci.code, ci.stderr).toBe(0);
        expect(ci.stderr).not.toMatch(/ERESOLVE|peer dep/i);
      }
    });
  },
);
