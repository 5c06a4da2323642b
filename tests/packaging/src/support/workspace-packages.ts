import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's root folder. */
export const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));

/** The fields of a package.json this suite reads. */
export interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  main?: string;
  module?: string;
  types?: string;
  exports?: Record<string, unknown>;
  bin?: string | Record<string, string>;
  files?: string[];
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  scripts?: Record<string, string>;
  license?: string;
  author?: string;
  homepage?: string;
  keywords?: string[];
  engines?: Record<string, string>;
  repository?: { type?: string; url?: string; directory?: string };
  bugs?: { url?: string };
}

export interface WorkspacePackage {
  dir: string;
  manifest: Manifest;
}

/** Every package under `packages/` that is published, i.e. not marked private, found rather than listed. */
export async function publishablePackages(): Promise<WorkspacePackage[]> {
  const found: WorkspacePackage[] = [];
  for (const entry of await readdir(join(ROOT, "packages"), { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = join(ROOT, "packages", entry.name);
    const manifest = await readManifest(dir).catch(() => undefined);
    if (manifest && manifest.private !== true) found.push({ dir, manifest });
  }
  return found;
}

/** The package.json in `dir`. */
export async function readManifest(dir: string): Promise<Manifest> {
  return JSON.parse(await readFile(join(dir, "package.json"), "utf8")) as Manifest;
}
