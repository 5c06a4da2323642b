import { readFile } from "node:fs/promises";
import { join } from "node:path";
import ts from "typescript";
import { ROOT } from "./workspace-packages.js";

/** The fenced blocks of `language` in a README of the repository (path from its root), as written, in order. */
export async function readmeBlocks(readme: string, language: string): Promise<string[]> {
  const text = await readFile(join(ROOT, readme), "utf8");
  const fence = new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\`$`, "gm");
  return [...text.matchAll(fence)].map((match) => match[1] ?? "");
}

/**
 * A README's example as the JavaScript a user's build makes of it (types stripped by TypeScript's own
 * transpiler, nothing else changed): its first TypeScript block, or the first that imports `from`.
 */
export async function readmeProgram(readme: string, from?: string): Promise<string> {
  const blocks = await readmeBlocks(readme, "ts");
  const block = from === undefined ? blocks[0] : blocks.find((code) => code.includes(`from "${from}";`));
  if (block === undefined)
    throw new Error(`${readme} has no TypeScript block${from ? ` importing ${from}` : ""}`);
  const options = { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 };
  return ts.transpileModule(block, { compilerOptions: options }).outputText;
}

/** The packages other than ours that the README's `npm install` lines name, as written (e.g. `ai@7`). */
export async function thirdPartyInstalls(readme: string): Promise<string[]> {
  const lines = (await readmeBlocks(readme, "sh")).flatMap((block) => block.split("\n"));
  return lines
    .filter((line) => line.startsWith("npm install "))
    .flatMap((line) => line.slice("npm install ".length).trim().split(/\s+/))
    .filter((name) => !name.startsWith("@org/imagegen-"));
}
