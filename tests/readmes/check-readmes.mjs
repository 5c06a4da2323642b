// Compiles every TypeScript block of every README in the repository with typescript-docs-verifier, each block on
// its own as a file of this folder: an ESM project on Node (NodeNext, strict) with our built packages installed.
// A block whose first line names a file (`// imagegen.ts: …`) is also that file while its README is checked, so
// the README's other blocks can import it (`./imagegen.js`), as the files of one project do.
import { execFileSync } from "node:child_process";
import { rm, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { compileSnippets } from "typescript-docs-verifier";
import { CodeBlockExtractor } from "typescript-docs-verifier/dist/src/CodeBlockExtractor.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const root = fileURLToPath(new URL("../../", import.meta.url));
process.chdir(here); // the tool reads this folder's package.json and resolves each block's imports from here

// Tracked READMEs only: git lists the repository's files without walking node_modules.
const readmes = execFileSync("git", ["ls-files", "--full-name", "README.md", "**/README.md"], { cwd: root })
  .toString()
  .split("\n")
  .filter(Boolean);

let compiled = 0;
let failed = 0;
for (const readme of readmes) {
  const path = `${root}${readme}`;
  const named = [];
  for (const { code } of await CodeBlockExtractor.extract(path)) {
    const name = /^\/\/ ([\w-]+\.ts):/.exec(code)?.[1];
    if (name) named.push({ file: `${here}${name}`, code });
  }
  await Promise.all(named.map(({ file, code }) => writeFile(file, code)));
  try {
    const results = await compileSnippets({ markdownFiles: [path], project: "tsconfig.json" });
    for (const { index, error } of results) {
      if (error) console.error(`${readme}, TypeScript block ${index}:\n${error.message}\n`);
      if (error) failed += 1;
      else compiled += 1;
    }
  } finally {
    await Promise.all(named.map(({ file }) => rm(file, { force: true })));
  }
}
const total = compiled + failed;
process.stdout.write(`${compiled} of ${total} TypeScript blocks in ${readmes.length} READMEs compile\n`);
process.exitCode = failed > 0 ? 1 : 0;
