import { readdir, readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import packageJson from "../package.json" with { type: "json" };

const sourceDir = new URL("./", import.meta.url);

// The package runs wherever core does, and its only run-time dependency is core: the AI SDK is types only.
describe("the package's boundaries", () => {
  it("ships code that imports core at run time and @ai-sdk/provider for types alone", async () => {
    const files = (await readdir(sourceDir, { recursive: true })).filter(
      (file) => file.endsWith(".ts") && !file.endsWith(".test.ts") && !file.startsWith("test-support"),
    );
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      const source = await readFile(new URL(file, sourceDir), "utf8");
      for (const [, statement, specifier] of source.matchAll(/^(import[^;]*?)from\s+["']([^"']+)["']/gms)) {
        if (specifier === "@org/imagegen-core" || specifier?.startsWith("./")) continue;
        expect(`${file}: ${specifier}`).toMatch(/: @ai-sdk\/provider$/);
        expect(statement, file).toMatch(/^import type /);
      }
    }
    expect(Object.keys(packageJson.dependencies)).toEqual(["@org/imagegen-core"]);
    expect(Object.keys(packageJson.peerDependencies)).toEqual(["@ai-sdk/provider"]);
  });
});
