import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// Each folder's README states what the folder may import ("May import: `model/`, `shared/`."); this suite holds
// the shipped code to those rules, so a wrong-way import fails `pnpm test` rather than waiting for a review.

const src = dirname(fileURLToPath(import.meta.url));
const TEST_SUPPORT = "test-support";

const folders = readdirSync(src, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/** Every folder a README allows, or all of them for "every folder", minus the exceptions it names. */
function allowedImports(folder: string): Set<string> {
  const readme = readFileSync(join(src, folder, "README.md"), "utf8");
  const rule = /^May import: (.*)$/m.exec(readme)?.[1];
  if (rule === undefined) throw new Error(`${folder}/README.md states no "May import:" rule`);
  const named = [...rule.matchAll(/`([a-z-]+)\/`/g)].map((match) => match[1] as string);
  if (rule.startsWith("every folder but")) return new Set(folders.filter((name) => !named.includes(name)));
  // Test helpers may also use the public entry, as users do.
  if (rule.startsWith("every folder")) return new Set([...folders, "index.js"]);
  return new Set(named);
}

const shipped = (file: string) => file.endsWith(".ts") && !/\.test(-d)?\.ts$/.test(file);

/** The folders a file imports from, by its relative import and export specifiers (static and dynamic). */
function importedFolders(file: string): string[] {
  const text = readFileSync(file, "utf8");
  // `from "…"`, `import("…")` and side-effect `import "…"`, in either quote.
  const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(?\s*)["'](\.{1,2}\/[^"']+)["']/g)].map(
    (m) => m[1] as string,
  );
  return specifiers.map((specifier) => relative(src, join(dirname(file), specifier)).split("/")[0] as string);
}

/** Folder → the other folders its shipped files import. */
function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const folder of folders) {
    const targets = new Set<string>();
    for (const file of readdirSync(join(src, folder), { recursive: true, encoding: "utf8" })) {
      if (!shipped(file)) continue;
      for (const target of importedFolders(join(src, folder, file)))
        if (target !== folder) targets.add(target);
    }
    graph.set(folder, targets);
  }
  return graph;
}

describe("core's folders stand on each other in one direction", () => {
  const graph = folderGraph();

  it.each(folders)("%s/ imports only what its README allows", (folder) => {
    const allowed = allowedImports(folder);
    const wrong = [...(graph.get(folder) ?? [])].filter((target) => !allowed.has(target));
    expect(wrong, `${folder}/ imports ${wrong.join(", ")}: fix the import or the README's rule`).toEqual([]);
  });

  it("the READMEs' rules form floors: no folder may import one that may import it, even through others", () => {
    const rules = new Map(folders.map((folder) => [folder, allowedImports(folder)]));
    const reaches = (from: string, to: string, seen = new Set<string>()): boolean =>
      [...(rules.get(from) ?? [])].some(
        (next) => next !== from && (next === to || (!seen.has(next) && reaches(next, to, seen.add(next)))),
      );
    const loops = folders.filter((folder) => folder !== TEST_SUPPORT && reaches(folder, folder));
    expect(loops).toEqual([]);
  });

  it("the ground floor, model/, holds types and constants only and stands on shared/ alone", () => {
    expect([...(graph.get("model") ?? [])].filter((target) => target !== "shared")).toEqual([]);
    for (const file of readdirSync(join(src, "model")).filter(shipped)) {
      const text = readFileSync(join(src, "model", file), "utf8");
      expect(text, file).not.toMatch(
        /^export (async )?function|^export class|^export const \w+ = (async )?(\(|\w+ =>)/m,
      );
      expect(text, file).not.toMatch(/from "(?!\.)/);
    }
  });

  it("shipped code never imports the test helpers", () => {
    const importers = folders.filter(
      (folder) => folder !== TEST_SUPPORT && graph.get(folder)?.has(TEST_SUPPORT),
    );
    expect(importers).toEqual([]);
  });

  it("the entry points reach only into folders", () => {
    for (const entry of ["index.ts"]) {
      const targets = importedFolders(join(src, entry));
      expect(targets.filter((target) => !folders.includes(target) || target === TEST_SUPPORT)).toEqual([]);
    }
  });
});
