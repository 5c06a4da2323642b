import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { startEmulator } from "@org/imagegen-testing";
import { describe, expect, it } from "vitest";
import { withoutRequireEsm } from "./support/node-flags.js";
import { readmeProgram } from "./support/readme-blocks.js";
import { run } from "./support/run.js";
import { scratch } from "./support/scratch.js";

const { app } = scratch();

const PNG_SIGNATURE = "89504e470d0a1a0a";

type Vendor = "apixo" | "xingchaoyiqing";

interface QuickStart {
  readme: string;
  /** The README's first block that imports this module; by default its first block, the quick start. */
  from?: string;
  /** `IMAGEGEN_MODEL` for the run, the vendor swap the README promises; unset where the README has none. */
  model?: string;
  /** The tasks the vendor's emulator should have seen, by the vendor's model name, and nothing elsewhere. */
  vendor: Vendor;
  models: string[];
  /** Result images the program downloaded. */
  downloads: number;
}

/**
 * Runs the README's quick start, its first TypeScript block as written, in the project that installed the
 * tarballs, against a loopback emulator of both vendors that the adapters find by their documented environment
 * variables. The emulator finishes every task at once, so the run lasts as long as the client's own poll
 * schedule waits (about the model's typical latency) and does not depend on how busy the machine is.
 */
async function runQuickStart({ readme, from, model }: QuickStart) {
  const name = [readme.replaceAll("/", "-"), from ?? "quick-start", model ?? "default"].join("-");
  const folder = join(app, name.replaceAll(/[^\w.-]/g, "_"));
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, "quick-start.mjs"), await readmeProgram(readme, from));
  const emulator = await startEmulator({ timeScale: 0.001 });
  try {
    const ran = await run(process.execPath, ["quick-start.mjs"], folder, {
      APIXO_API_KEY: emulator.apixo.apiKey,
      APIXO_BASE_URL: emulator.apixo.providerSettings.baseUrl,
      XINGCHAOYIQING_API_KEY: emulator.xingchaoyiqing.apiKey,
      XINGCHAOYIQING_BASE_URL: emulator.xingchaoyiqing.providerSettings.baseUrl,
      ...(model === undefined ? {} : { IMAGEGEN_MODEL: model }),
    });
    const seen = (vendor: Vendor) => emulator[vendor].tasks().map((task) => task.model);
    return {
      ran,
      folder,
      tasks: { apixo: seen("apixo"), xingchaoyiqing: seen("xingchaoyiqing") },
      downloads: emulator.apixo.stats().fileRequests + emulator.xingchaoyiqing.stats().fileRequests,
    };
  } finally {
    await emulator.close();
  }
}

async function expectRunsAsWritten(quickStart: QuickStart) {
  const outcome = await runQuickStart(quickStart);
  expect(outcome.ran.code, outcome.ran.stderr).toBe(0);
  const other: Vendor = quickStart.vendor === "apixo" ? "xingchaoyiqing" : "apixo";
  expect(outcome.tasks[quickStart.vendor]).toEqual(quickStart.models);
  expect(outcome.tasks[other]).toEqual([]);
  expect(outcome.downloads).toBe(quickStart.downloads);
  return outcome;
}

describe.concurrent("each README's quick start, as written, in a project that installed the tarballs", () => {
  it("the repository's, on apixo:nano-banana: the image saved as fox.png", async () => {
    const { folder } = await expectRunsAsWritten({
      readme: "README.md",
      model: "apixo:nano-banana",
      vendor: "apixo",
      models: ["nano-banana"],
      downloads: 1,
    });
    const saved = await readFile(join(folder, "fox.png"));
    expect(saved.subarray(0, 8).toString("hex")).toBe(PNG_SIGNATURE);
  });

  // The quick start asks for 2K, which this model does not take: it is left out with a warning, as on apixo.
  it("the repository's, swapped to xingchaoyiqing:nano-banana by IMAGEGEN_MODEL alone", async () => {
    const { folder } = await expectRunsAsWritten({
      readme: "README.md",
      model: "xingchaoyiqing:nano-banana",
      vendor: "xingchaoyiqing",
      models: ["nano-banana"],
      downloads: 1,
    });
    const saved = await readFile(join(folder, "fox.png"));
    expect(saved.subarray(0, 8).toString("hex")).toBe(PNG_SIGNATURE);
  });

  it("the repository's AI SDK example, on the `ai` the AI SDK's install line picks: n: 3", async () => {
    await expectRunsAsWritten({
      readme: "README.md",
      from: "ai",
      vendor: "apixo",
      models: ["nano-banana", "nano-banana", "nano-banana"],
      downloads: 3,
    });
  });

  it("@org/imagegen-core's", async () => {
    await expectRunsAsWritten({
      readme: "packages/core/README.md",
      vendor: "apixo",
      models: ["nano-banana"],
      downloads: 0,
    });
  });

  it("@org/imagegen-apixo's", async () => {
    await expectRunsAsWritten({
      readme: "packages/apixo/README.md",
      vendor: "apixo",
      models: ["nano-banana-pro"],
      downloads: 0,
    });
  });

  it("@org/imagegen-xingchaoyiqing's", async () => {
    await expectRunsAsWritten({
      readme: "packages/xingchaoyiqing/README.md",
      vendor: "xingchaoyiqing",
      models: ["nano-banana-pro"],
      downloads: 0,
    });
  });

  it("@org/imagegen-ai-sdk's, on the `ai` its install line picks: generateImage with n: 2", async () => {
    await expectRunsAsWritten({
      readme: "packages/ai-sdk/README.md",
      vendor: "apixo",
      models: ["nano-banana", "nano-banana"],
      downloads: 2,
    });
  });
});

interface Outcome {
  requireModule?: boolean;
  images: { model: string; mediaType: string; head: string }[];
}

async function commonJsProgram(nodeArgs: readonly string[]): Promise<Outcome> {
  const ran = await run(process.execPath, [...nodeArgs, join(app, "quick-start.cjs")], app);
  expect(ran.code, ran.stderr).toBe(0);
  return JSON.parse(ran.stdout) as Outcome;
}

// The program starts the loopback emulator, generates on both vendors through the unified client and downloads
// each image; the test sees only what the program printed.
const BOTH_VENDORS_PNG = [
  { model: "apixo:nano-banana", mediaType: "image/png", head: PNG_SIGNATURE },
  { model: "xingchaoyiqing:nano-banana", mediaType: "image/png", head: PNG_SIGNATURE },
];

describe("the quick start's steps as a CommonJS program (require), in the same project", () => {
  it("with this Node's require", async () => {
    const outcome = await commonJsProgram([]);
    expect(outcome.images).toEqual(BOTH_VENDORS_PNG);
  });

  it.skipIf(withoutRequireEsm === undefined)(
    "without require(esm), as Node 20 before 20.19 runs it",
    async () => {
      const outcome = await commonJsProgram(withoutRequireEsm ?? []);
      expect(outcome.requireModule).toBe(false);
      expect(outcome.images).toEqual(BOTH_VENDORS_PNG);
    },
  );
});
