import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build, type Plugin } from "esbuild";
import { quantile, round, type Spread, spread } from "./stats.js";

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
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Our packages' entry points, so the breakdown can name the source files instead of dist chunks. */
const SOURCES: Record<string, string> = {
  "@org/imagegen-core": "packages/core/src/index.ts",
  "@org/imagegen-core/provider": "packages/core/src/provider/index.ts",
  "@org/imagegen-core/schema": "packages/core/src/provider/schema.ts",
  "@org/imagegen-apixo": "packages/apixo/src/index.ts",
};

export interface FootprintResult {
  library: string;
  /** Minified ESM bundle for the browser/edge (esbuild), and the same gzipped. */
  minifiedBytes: number;
  gzippedBytes: number;
  /** A fresh `node` process that imports the modules, less a bare `node` process, both measured `runs` times. */
  coldImportMs: Spread;
  /** Ours ÷ this library, gzipped. */
  sizeRatio?: number;
}

export interface ModuleShare {
  /** A folder of core, an adapter, or a dependency. */
  module: string;
  minifiedBytes: number;
  /** Its share of the gzipped bundle, pro rata to its minified bytes (gzip does not split by module). */
  gzippedBytes: number;
}

export interface FootprintReport {
  libraries: FootprintResult[];
  /** Where our bundle's bytes come from, built from our sources (the same code as from dist). */
  breakdown: ModuleShare[];
  /** A bare `node -e ""`, the baseline of every cold import, over the same runs. */
  bareNodeMs: Spread;
  runs: number;
  /** Our bundle with zod left out (gzipped): our own code. */
  withoutZodGzippedBytes: number;
  /** zod/mini alone, for the least a schema can use (an object of a string and a number, parsed), gzipped. */
  zodMinimalGzippedBytes: number;
}

const ZOD_MINIMAL = `import * as z from "zod/mini";
export const parse = (v) => z.safeParse(z.object({ a: z.string(), b: z.optional(z.number()) }), v);`;

async function bundle(usage: string, plugins: Plugin[] = [], external: string[] = []) {
  const result = await build({
    stdin: { contents: usage, resolveDir: BENCH_DIR, loader: "js" },
    external,
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
    metafile: true,
    plugins,
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  const inputs = Object.values(result.metafile.outputs)[0]?.inputs ?? {};
  return { minified: code.byteLength, gzipped: gzipSync(code, { level: 9 }).byteLength, inputs };
}

/** Which module a bundled file belongs to: a folder of core, an adapter, or a package by name. */
function moduleOf(path: string): string {
  const dependency = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(path);
  if (dependency)
    return dependency[1] === "zod"
      ? `zod (${dependency[2]?.split("/").slice(0, 2).join("/")})`
      : `${dependency[1]}`;
  const ours = /packages\/([^/]+)\/src\/(?:([^/]+)\/)?/.exec(path);
  if (!ours) return path;
  return ours[1] === "core" ? `core ${ours[2] ? `${ours[2]}/` : "index"}` : `@org/imagegen-${ours[1]}`;
}

/** Resolves our packages to their sources, so esbuild's metafile names files rather than dist chunks. */
const fromSources: Plugin = {
  name: "our-sources",
  setup(build) {
    build.onResolve({ filter: /^@org\// }, ({ path }) =>
      SOURCES[path] ? { path: `${ROOT}${SOURCES[path]}` } : undefined,
    );
  },
};

async function breakdown(usage: string, gzipped: number): Promise<ModuleShare[]> {
  const { minified, inputs } = await bundle(usage, [fromSources]);
  const modules = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(inputs)) {
    const module = moduleOf(path);
    if (bytesInOutput > 0) modules.set(module, (modules.get(module) ?? 0) + bytesInOutput);
  }
  return [...modules]
    .sort((a, b) => b[1] - a[1])
    .map(([module, bytes]) => ({
      module,
      minifiedBytes: bytes,
      gzippedBytes: Math.round((gzipped * bytes) / minified),
    }));
}

/** Wall time of a fresh `node` process running `script`, from spawn to exit. */
function processMs(script: string): number {
  const started = performance.now();
  execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: BENCH_DIR });
  return performance.now() - started;
}

/** Bundle size and cold import time of ours and of the libraries teams compare us with. */
export async function footprint({ runs = 15 } = {}): Promise<FootprintReport> {
  // Interleaved, a bare node before each library, so a busy moment on the machine lands on all of them.
  const bare: number[] = [];
  const times = new Map<string, number[]>(LIBRARIES.map((library) => [library.name, []]));
  for (let round = 0; round < runs; round++) {
    for (const library of LIBRARIES) {
      bare.push(processMs(""));
      const script = library.modules.map((m) => `await import(${JSON.stringify(m)});`).join(" ");
      times.get(library.name)?.push(processMs(script));
    }
  }
  const bareMedian = quantile(bare, 0.5);
  const libraries: FootprintResult[] = [];
  for (const library of LIBRARIES) {
    const size = await bundle(library.usage);
    libraries.push({
      library: library.name,
      minifiedBytes: size.minified,
      gzippedBytes: size.gzipped,
      coldImportMs: spread(
        (times.get(library.name) ?? []).map((ms) => ms - bareMedian),
        1,
      ),
    });
  }
  const ours = libraries[0] as FootprintResult;
  for (const result of libraries) result.sizeRatio = round(ours.gzippedBytes / result.gzippedBytes, 3);
  const usage = (LIBRARIES[0] as (typeof LIBRARIES)[number]).usage;
  return {
    libraries,
    breakdown: await breakdown(usage, ours.gzippedBytes),
    bareNodeMs: spread(bare, 1),
    runs,
    withoutZodGzippedBytes: (await bundle(usage, [fromSources], ["zod", "zod/*"])).gzipped,
    zodMinimalGzippedBytes: (await bundle(ZOD_MINIMAL)).gzipped,
  };
}
