import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { run } from "./support/run.js";
import { publishablePackages, ROOT } from "./support/workspace-packages.js";

const GUARD = "node ../../scripts/prepublish-guard.mjs";
const workspace = await publishablePackages();
// An adapter: its dependency on core is the `workspace:^` range a user's install could not resolve.
const adapter = workspace.find(({ manifest }) => manifest.name === "@org/imagegen-apixo");
const folders: string[] = [];
afterAll(() => Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))));

// `npm publish` in a package folder would ship `workspace:^` as written; pnpm rewrites it in the tarball.
describe("publishing from a package folder", () => {
  it.each(workspace.map(({ manifest }) => [manifest.name, manifest] as const))(
    "%s runs the workspace-range guard before any publish",
    (_, manifest) => {
      expect(manifest.scripts?.prepublishOnly).toBe(GUARD);
    },
  );

  it("is refused with npm while package.json has workspace ranges, and says how to publish", async () => {
    const ran = await run("npm", ["publish", "--dry-run"], adapter?.dir ?? "");
    expect(ran.code).not.toBe(0);
    expect(ran.stderr).toMatch(
      /refusing to publish with npm: .*dependencies\.@org\/imagegen-core: workspace:\^/,
    );
    expect(ran.stderr).toContain("pnpm release");
  });

  it("goes ahead with pnpm, which replaces the ranges with versions", async () => {
    const ran = await run("pnpm", ["publish", "--dry-run", "--no-git-checks"], adapter?.dir ?? "");
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stderr).not.toContain("refusing");
  });

  it("goes ahead with npm once no range is a workspace one", async () => {
    const folder = await mkdtemp(join(tmpdir(), "imagegen-publish-guard-"));
    folders.push(folder);
    const manifest = {
      name: "@org/imagegen-guard-probe",
      version: "1.0.0",
      dependencies: { zod: "^4.6.7" },
      scripts: { prepublishOnly: `node ${join(ROOT, "scripts/prepublish-guard.mjs")}` },
    };
    await writeFile(join(folder, "package.json"), JSON.stringify(manifest));
    const ran = await run("npm", ["publish", "--dry-run"], folder);
    expect(ran.code, ran.stderr).toBe(0);
  });
});
