#!/usr/bin/env node
// Every published package's `prepublishOnly`. Its package.json names siblings with `workspace:` ranges, which
// `pnpm publish` (and `changeset publish`, which calls it) rewrites to versions in the tarball; `npm publish`
// ships them as written, and no npm install can resolve them. So publishing with anything but pnpm is refused.
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";

const FIELDS = ["dependencies", "peerDependencies", "optionalDependencies", "devDependencies"];

const manifest = JSON.parse(readFileSync(join(process.cwd(), "package.json"), "utf8"));
const linked = FIELDS.flatMap((field) =>
  Object.entries(manifest[field] ?? {})
    .filter(([, range]) => String(range).startsWith("workspace:"))
    .map(([name, range]) => `${field}.${name}: ${range}`),
);
// pnpm runs this hook on the package.json on disk and rewrites the ranges only in what it packs. Who runs the
// hook is told by npm_execpath, which npm sets to itself even when started by pnpm (`pnpm exec npm publish`);
// the user agent is inherited from pnpm in that case.
// biome-ignore lint/suspicious/noUndeclaredEnvVars: npm and pnpm set it for this hook; no turbo task runs it.
const publisher = basename(process.env.npm_execpath ?? "").startsWith("pnpm") ? "pnpm" : "npm";

if (linked.length > 0 && publisher !== "pnpm") {
  console.error(
    `${manifest.name}: refusing to publish with npm: package.json has workspace ranges ` +
      `that it would ship as written (${linked.join(", ")}). Publish from the repository root with ` +
      "`pnpm release` (changeset publish), or `pnpm publish` here, which replace them with versions.",
  );
  process.exit(1);
}
