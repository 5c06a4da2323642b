import { cp, mkdir, mkdtemp, realpath, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { thirdPartyInstalls } from "./support/readme-blocks.js";
import { runOrThrow } from "./support/run.js";
import type { ScratchPackage } from "./support/scratch.js";
import { publishablePackages, readManifest } from "./support/workspace-packages.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));

interface Packed {
  filename: string;
  files: { path: string }[];
}

/**
 * Packs every publishable package as `pnpm publish` would and installs the tarballs with plain npm into a fresh
 * project (no workspace links; third-party dependencies come from npm's registry), once for all test files.
 */
export default async function setup(project: TestProject) {
  // Real path: Node reports resolved files by it, and the temp folder can sit behind a symlink (macOS).
  const folder = await realpath(await mkdtemp(join(tmpdir(), "imagegen-packaging-")));
  const tarballs = join(folder, "tarballs");
  const app = join(folder, "app");
  await Promise.all([mkdir(tarballs), mkdir(app)]);

  const workspace = await publishablePackages();
  const packed = await Promise.all(
    workspace.map(async ({ dir }) => {
      const json = await runOrThrow("pnpm", ["pack", "--json", "--pack-destination", tarballs], dir);
      return JSON.parse(json) as Packed;
    }),
  );
  await runOrThrow("npm", ["init", "-y"], app);
  const install = ["install", "--no-audit", "--no-fund", "--loglevel=error"];
  // The AI SDK's README names the `ai` to install beside ours; installed as written, npm picks what a user gets.
  const aiSdk = await thirdPartyInstalls("packages/ai-sdk/README.md");
  // vitest is the optional peer the adapter conformance suite runs in; npm installs no optional peer by itself.
  const optionalPeers = ["vitest@4.1.12"];
  await runOrThrow(
    "npm",
    [...install, ...packed.map((tarball) => tarball.filename), ...aiSdk, ...optionalPeers],
    app,
  );
  await cp(FIXTURES, app, { recursive: true });

  const packages: ScratchPackage[] = await Promise.all(
    workspace.map(async ({ dir, manifest }, index) => {
      const installedDir = join(app, "node_modules", manifest.name);
      return {
        name: manifest.name,
        dir,
        installedDir,
        manifest: await readManifest(installedDir),
        files: (packed[index]?.files ?? []).map((file) => file.path).sort(),
        tarball: packed[index]?.filename ?? "",
      };
    }),
  );
  project.provide("scratch", { app, packages });
  return () => rm(folder, { recursive: true, force: true });
}
