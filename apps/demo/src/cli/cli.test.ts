import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EMULATOR_API_KEY, type RunningEmulator, startEmulator } from "@org/imagegen-testing";
import { PNG } from "pngjs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cleanEnv, DIST, runCli } from "../test-support/processes.js";

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
      expect(run.stderr).toMatch(/^succeeded · \d+\.\d s · \d+ polls?$/m); // the shared progress line
      // The model's typical time at the emulator's pace (0.01 here): 15–20 s or 20–30 s become fractions of one.
      expect(run.stderr).toMatch(/^task \S+ saved to \S+ · expected 0\.\d+–0\.\d+ s$/m);
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

  it("leaves out an option the model cannot honour, with a warning, and still saves the image", async () => {
    const run = await runCli([
      "a heron",
      "--model",
      "xingchaoyiqing:nano-banana",
      "--resolution",
      "4K",
      "--out",
      out,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout + run.stderr).toContain('does not take resolution "4K"');
    expect((await readdir(out)).filter((file) => file.endsWith(".png"))).toHaveLength(1);
  });

  it("with --strict, refuses an option the model cannot take before anything is sent, with exit code 2", async () => {
    const run = await runCli([
      "a heron",
      "--model",
      "xingchaoyiqing:nano-banana",
      "--resolution",
      "4K",
      "--strict",
      "--out",
      out,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("ValidationError: ");
    expect(run.stderr).toContain("4K");
    expect(await readdir(out)).toEqual([]);
  });

  it("lists every configured model, each id in full however long", async () => {
    const run = await runCli(["models", "--json"]);
    const ids: string[] = JSON.parse(run.stdout).map((model: { id: string }) => model.id);
    expect(ids).toEqual(
      expect.arrayContaining(["apixo:nano-banana-pro", "xingchaoyiqing:nano-banana-pro-stable"]),
    );
    const table = await runCli(["models"], cleanEnv({ COLUMNS: "200" }));
    const cells = table.stdout.split("\n").map((line) => line.split("│")[1]?.trim());
    for (const id of ids) expect(cells).toContain(id);
  });

  it("prints the models table within 80 columns, the resolutions beside their latencies", async () => {
    const table = await runCli(["models"]);
    const lines = table.stdout.trimEnd().split("\n");
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    const pro = lines.findIndex((line) => line.includes("apixo:nano-banana-pro "));
    expect(lines.slice(pro, pro + 6).join("\n")).toMatch(/1K +│ .*│ 1K 20–30 s/);
  });
});

describe("polling at the emulator's pace, from core's poll.timeScale", () => {
  let emulator: RunningEmulator<"xingchaoyiqing">;
  beforeEach(async () => {
    // Stands in for a real xingchaoyiqing: the demo sees its key set and treats it as the vendor.
    emulator = await startEmulator({ vendors: ["xingchaoyiqing"], durationMs: 100 });
  });
  afterEach(() => emulator.close());

  it("with one vendor's key set, only the emulated vendor is polled at the emulator's pace", async () => {
    const env = cleanEnv({
      XINGCHAOYIQING_API_KEY: EMULATOR_API_KEY,
      XINGCHAOYIQING_BASE_URL: emulator.xingchaoyiqing.baseUrl,
    });
    // Emulated APIXO at 100× the pace: nano-banana's first poll comes at 0.18 s instead of 18 s.
    const emulated = await runCli(
      ["a heron", "-m", "apixo:nano-banana", "--timeout", "10", "--out", out],
      env,
    );
    expect(emulated.code, emulated.stderr).toBe(0);
    // The "real" vendor keeps its documented schedule: no status call within 2 s, though the task took 0.1 s.
    const real = await runCli(
      ["a heron", "-m", "xingchaoyiqing:nano-banana", "--timeout", "2", "--out", out],
      env,
    );
    expect(real.code).toBe(1);
    expect(real.stderr).toContain("TaskTimeoutError");
    expect(emulator.xingchaoyiqing.stats()).toMatchObject({ submits: 1, statusCalls: 0 });
  });
});

describe("the first hour of a new user", () => {
  it("a bare imagegen shows the help, with every command, and exits 0", async () => {
    const run = await runCli([]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Usage: imagegen [options] [command]");
    for (const command of ["generate", "models", "status", "resume"]) expect(run.stdout).toContain(command);
    expect(run.stderr).toBe("");
  });

  it("--version (and -v) prints the package's version", async () => {
    const { version } = JSON.parse(await readFile(join(DIST, "../package.json"), "utf8"));
    for (const flag of ["--version", "-v"]) {
      const run = await runCli([flag]);
      expect(run.code).toBe(0);
      expect(run.stdout.trim()).toBe(version);
    }
  });
});
