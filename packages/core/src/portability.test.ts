import { readdir, readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import packageJson from "../package.json" with { type: "json" };

const sourceDir = new URL("./", import.meta.url);

async function shippedSources(): Promise<[string, string][]> {
  const files = await readdir(sourceDir, { recursive: true });
  const shipped = files.filter(
    (file) => file.endsWith(".ts") && !/\.test(-d)?\.ts$/.test(file) && !file.startsWith("test-support"),
  );
  return Promise.all(
    shipped.map(async (file) => [file, await readFile(new URL(file, sourceDir), "utf8")] as [string, string]),
  );
}

// Core must run on Node 20+, Bun, Deno and edge runtimes: web APIs only, and only zod.
describe("core stays portable", () => {
  it("imports no Node built-in and uses no Buffer or process directly", async () => {
    for (const [file, source] of await shippedSources()) {
      expect(source, file).not.toMatch(/from\s+["']node:|require\(|\bBuffer\b|\bprocess\.(?!env\b)\w/);
    }
  });

  it("imports nothing but zod/mini and its own files", async () => {
    for (const [file, source] of await shippedSources()) {
      const imports = [...source.matchAll(/from\s+["']([^"']+)["']/g)].map((match) => match[1]);
      for (const specifier of imports)
        expect(specifier === "zod/mini" || /^\.\.?\//.test(specifier ?? ""), `${file}: ${specifier}`).toBe(
          true,
        );
    }
    expect(Object.keys(packageJson.dependencies)).toEqual(["zod"]);
  });
});
