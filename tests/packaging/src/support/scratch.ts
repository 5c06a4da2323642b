import { inject } from "vitest";
import type { Manifest } from "./workspace-packages.js";

/** One published package in the scratch install. */
export interface ScratchPackage {
  name: string;
  /** Its folder in the workspace, where it was packed. */
  dir: string;
  /** Its folder in the scratch install: what npm extracted from the tarball. */
  installedDir: string;
  /** The package.json as packed: workspace ranges replaced. */
  manifest: Manifest;
  /** Every file in the tarball, relative to the package root. */
  files: string[];
  /** The tarball's absolute path, for another project to install it as users install the published version. */
  tarball: string;
}

/** The folder where the packed tarballs were installed with npm, like a user's project. */
export interface Scratch {
  /** The project's folder, holding `node_modules` and the programs in `fixtures/`. */
  app: string;
  packages: ScratchPackage[];
}

declare module "vitest" {
  export interface ProvidedContext {
    scratch: Scratch;
  }
}

/** The scratch install the global setup made for this run. */
export function scratch(): Scratch {
  return inject("scratch");
}
