import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";

// What a user's editor offers, asked of TypeScript's own language service over a file that imports the built
// packages, as an application would.
const here = fileURLToPath(new URL(".", import.meta.url));
const FILE = `${here}completion-fixture.ts`;
const HEADER = `
import { createImageClient } from "@org/imagegen-core";
import { apixo } from "@org/imagegen-apixo";
import { xingchaoyiqing } from "@org/imagegen-xingchaoyiqing";
const client = createImageClient({
  providers: { apixo: apixo({ passThrough: ["flux-2"] }), xingchaoyiqing: xingchaoyiqing() },
});
`;

// A user's project: strict, bundler resolution, DOM types (core's use Request and AbortSignal), no Node types.
const settings: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ["lib.es2023.d.ts", "lib.dom.d.ts"],
  types: [],
  strict: true,
  exactOptionalPropertyTypes: true,
  noEmit: true,
};
let text = HEADER;
let version = 0;
const service = ts.createLanguageService({
  getCompilationSettings: () => settings,
  getScriptFileNames: () => [FILE],
  getScriptVersion: (name) => (name === FILE ? String(version) : "0"),
  getScriptSnapshot: (name) =>
    name === FILE
      ? ts.ScriptSnapshot.fromString(text)
      : ts.sys.fileExists(name)
        ? ts.ScriptSnapshot.fromString(readFileSync(name, "utf8"))
        : undefined,
  getCurrentDirectory: () => here,
  getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
  fileExists: ts.sys.fileExists,
  readFile: ts.sys.readFile,
  readDirectory: ts.sys.readDirectory,
  directoryExists: ts.sys.directoryExists,
  getDirectories: ts.sys.getDirectories,
});
afterAll(() => service.dispose());

/** The completions at `|` in `code`, written after the header; the program is kept between calls. */
function completionsAt(code: string): string[] {
  text = HEADER + code.replace("|", "");
  version++;
  const position = HEADER.length + code.indexOf("|");
  const entries = service.getCompletionsAtPosition(FILE, position, {})?.entries ?? [];
  return entries.map((entry) => entry.name).sort();
}

it("the fixture compiles: the packages resolve as in an application", () => {
  completionsAt("client;|");
  const problems = service.getSemanticDiagnostics(FILE).concat(service.getSyntacticDiagnostics(FILE));
  expect(problems.map((problem) => ts.flattenDiagnosticMessageText(problem.messageText, "\n"))).toEqual([]);
});

describe("the editor offers what the configured providers take", () => {
  it("every model id, declared pass-through ones included, for model", () => {
    expect(completionsAt('client.generate({ prompt: "a fox", model: "|" });')).toEqual([
      "apixo:flux-2",
      "apixo:nano-banana",
      "apixo:nano-banana-pro",
      "xingchaoyiqing:nano-banana",
      "xingchaoyiqing:nano-banana-2",
      "xingchaoyiqing:nano-banana-2-stable",
      "xingchaoyiqing:nano-banana-pro",
      "xingchaoyiqing:nano-banana-pro-stable",
    ]);
  });

  it("the configured providers, then each one's own options, for providerOptions", () => {
    expect(completionsAt('client.generate({ prompt: "a fox", providerOptions: { | } });')).toEqual([
      "apixo",
      "xingchaoyiqing",
    ]);
    expect(completionsAt('client.generate({ prompt: "a fox", providerOptions: { apixo: { | } } });')).toEqual(
      ["input", "route"],
    );
    expect(
      completionsAt('client.generate({ prompt: "a fox", providerOptions: { apixo: { route: "|" } } });'),
    ).toEqual(["auto", "official", "value"]);
  });
});
