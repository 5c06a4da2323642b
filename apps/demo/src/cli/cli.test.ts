import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningEmulator, startEmulator } from "@org/imagegen-testing";
import { PNG } from "pngjs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cleanEnv, runCli, start } from "../test-support/processes.js";

// The CLI as a user runs it: a subprocess of the built bin, with piped output and no API key.
let out: string;
beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), "imagegen-demo-"));
});
afterEach(() => rm(out, { recursive: true, force: true }));

async function readPng(file: string) {
  const bytes = await readFile(file);
  return PNG.sync.read(bytes);
}

describe("imagegen generate, with no API key", () => {
  for (const [model, label, variable] of [
    ["apixo:nano-banana", "APIXO", "APIXO_API_KEY"],
    ["xingchaoyiqing:nano-banana-pro", "xingchaoyiqing", "XINGCHAOYIQING_API_KEY"],
  ] as const) {
    it(`${model}: says it uses the built-in emulator and saves a valid PNG under --out`, async () => {
      const run = await runCli([
        "a fox in watercolor",
        "--model",
        model,
        "--aspect-ratio",
        "16:9",
        "--out",
        out,
      ]);
      expect(run.code, run.stderr).toBe(0);
      const notices = run.stderr.split("\n").filter((line) => line.includes("emulator"));
      expect(notices).toEqual([
        expect.stringContaining(`No ${variable} set: using the built-in ${label} emulator`),
      ]);
      const saved = run.stdout.match(/^saved (\S+\.png) /m)?.[1];
      expect(saved).toBeDefined();
      const png = await readPng(saved ?? "");
      expect(png.width / png.height).toBeCloseTo(16 / 9, 1);
      expect(await readdir(out)).toEqual(expect.arrayContaining([expect.stringMatching(/\.handle\.json$/)]));
      expect(run.stderr).toMatch(/succeeded \(\d+ polls?\)/);
    });
  }

  it("chooses the vendor from IMAGEGEN_MODEL and prints one JSON object with --json", async () => {
    const env = cleanEnv({ IMAGEGEN_MODEL: "xingchaoyiqing:nano-banana" });
    const run = await runCli(["a heron", "--json", "--out", out], env);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({
      handle: { provider: "xingchaoyiqing", model: "nano-banana" },
      state: "succeeded",
      images: [{ mediaType: "image/png", file: expect.stringContaining(out) }],
    });
    await readPng(report.images[0].file);
    expect(run.stderr).not.toMatch(/polls/); // no progress lines in JSON mode
  });

  it("rejects an option the model cannot take before anything is sent, with exit code 2", async () => {
    const run = await runCli([
      "a heron",
      "--model",
      "xingchaoyiqing:nano-banana",
      "--resolution",
      "4K",
      "--out",
      out,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("ValidationError: ");
    expect(run.stderr).toContain("4K");
    expect(await readdir(out)).toEqual([]);
  });

  it("lists every configured model", async () => {
    const run = await runCli(["models", "--json"]);
    const ids = JSON.parse(run.stdout).map((model: { id: string }) => model.id);
    expect(ids).toEqual(expect.arrayContaining(["apixo:nano-banana-pro", "xingchaoyiqing:nano-banana-pro"]));
    const table = await runCli(["models"]);
    expect(table.stdout).toMatch(/apixo:nano-banana-pro\s.*1K 2K 4K/);
  });
});

describe("Ctrl-C, status and resume across processes", () => {
  let emulator: RunningEmulator<"apixo">;
  beforeEach(async () => {
    // An emulator that outlives the CLI process, as `pnpm emulator` does; every task takes 2 s.
    emulator = await startEmulator({ vendors: ["apixo"], durationMs: 2_000 });
  });
  afterEach(() => emulator.close());

  it("an interrupted generate prints how to resume; resume finishes the task without a second submit", async () => {
    const env = cleanEnv({ IMAGEGEN_EMULATOR_URL: emulator.url });
    const running = start("cli.js", ["a lighthouse", "--out", out], env);
    await running.stderrContains("saved to");
    running.child.kill("SIGINT");
    const interrupted = await running.finished;
    expect(interrupted.code).toBe(130);
    const handleFile = interrupted.stderr.match(/Resume with: imagegen resume (\S+)/)?.[1] ?? "";
    expect(handleFile).toMatch(/\.handle\.json$/);

    const status = await runCli(["status", handleFile, "--json"], env);
    expect(JSON.parse(status.stdout).state).toMatch(/queued|running|succeeded/);

    const resumed = await runCli(["resume", handleFile, "--json", "--out", out], env);
    expect(resumed.code, resumed.stderr).toBe(0);
    const report = JSON.parse(resumed.stdout);
    await readPng(report.images[0].file);
    expect(emulator.apixo.stats().submits).toBe(1);
  });

  it("status of a task from an earlier run says the built-in emulator starts empty", async () => {
    const first = await runCli(["a heron", "--json", "--out", out]);
    const { handleFile } = JSON.parse(first.stdout);
    const run = await runCli(["status", handleFile]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("starts empty with every run");
    expect(run.stderr).toMatch(/does not know task/);
  });

  it("resume explains a file that is not a handle", async () => {
    const run = await runCli(["resume", join(out, "missing.handle.json")]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("Cannot read the handle file");
  });
});
