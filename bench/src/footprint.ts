import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { quantile, round } from "./stats.js";

/** Each library as an app would use it to make one image: imports plus the one call. */
const LIBRARIES = [
  {
    name: "@org/imagegen-core + @org/imagegen-apixo",
    modules: ["@org/imagegen-core", "@org/imagegen-apixo"],
    usage: `import { createImageClient } from "@org/imagegen-core";
import { apixo } from "@org/imagegen-apixo";
export const run = (prompt) => createImageClient({ providers: { apixo: apixo() } }).generate({ prompt });`,
  },
  {
    name: "ai + @ai-sdk/luma",
    modules: ["ai", "@ai-sdk/luma"],
    usage: `import { generateImage } from "ai";
import { luma } from "@ai-sdk/luma";
export const run = (prompt) => generateImage({ model: luma.image("photon-1"), prompt });`,
  },
  {
    name: "@fal-ai/client",
    modules: ["@fal-ai/client"],
    usage: `import { fal } from "@fal-ai/client";
export const run = (prompt) => fal.subscribe("fal-ai/flux/dev", { input: { prompt } });`,
  },
  {
    name: "replicate",
    modules: ["replicate"],
    usage: `import Replicate from "replicate";
export const run = (prompt) => new Replicate().run("black-forest-labs/flux-schnell", { input: { prompt } });`,
  },
];

const BENCH_DIR = fileURLToPath(new URL("..", import.meta.url));

export interface FootprintResult {
  library: string;
  /** Minified ESM bundle for the browser/edge (esbuild), and the same gzipped. */
  minifiedBytes: number;
  gzippedBytes: number;
  /** Median time for a fresh `node` process to import the modules, over `runs` processes. */
  coldImportMs: number;
  /** Ours ÷ this library, gzipped. */
  sizeRatio?: number;
}

async function bundleSize(usage: string): Promise<{ minified: number; gzipped: number }> {
  const result = await build({
    stdin: { contents: usage, resolveDir: BENCH_DIR, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { minified: code.byteLength, gzipped: gzipSync(code, { level: 9 }).byteLength };
}

function coldImport(modules: readonly string[], runs: number): number {
  const script = `const t = performance.now(); ${modules.map((m) => `await import(${JSON.stringify(m)});`).join(" ")} process.stdout.write(String(performance.now() - t));`;
  const times = Array.from({ length: runs }, () =>
    Number(execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: BENCH_DIR })),
  );
  return round(quantile(times, 0.5), 1);
}

/** Bundle size and cold import time of ours and of the libraries teams compare us with. */
export async function footprint({ runs = 9 } = {}): Promise<FootprintResult[]> {
  const results: FootprintResult[] = [];
  // Interleaved rounds, so a busy moment on the machine does not land on one library only.
  const times = new Map<string, number[]>();
  for (let round = 0; round < 3; round++) {
    for (const library of LIBRARIES) {
      const list = times.get(library.name) ?? [];
      list.push(coldImport(library.modules, Math.ceil(runs / 3)));
      times.set(library.name, list);
    }
  }
  for (const library of LIBRARIES) {
    const size = await bundleSize(library.usage);
    results.push({
      library: library.name,
      minifiedBytes: size.minified,
      gzippedBytes: size.gzipped,
      coldImportMs: quantile(times.get(library.name) ?? [], 0.5),
    });
  }
  const ours = results[0]?.gzippedBytes ?? Number.NaN;
  for (const result of results) result.sizeRatio = round(ours / result.gzippedBytes, 3);
  return results;
}
