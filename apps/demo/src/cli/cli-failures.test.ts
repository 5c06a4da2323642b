import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningEmulator, startEmulator } from "@org/imagegen-testing";
import { PNG } from "pngjs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cleanEnv, runCli, start } from "../test-support/processes.js";

// Runs that do not end well, as a user or a script meets them: the built bin as a subprocess, no API key.
let out: string;
beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), "imagegen-demo-"));
});
afterEach(() => rm(out, { recursive: true, force: true }));

const readJson = async (file: string) => JSON.parse(await readFile(file, "utf8"));

describe("--json when a run fails: exactly one JSON object on stdout, and a non-zero exit code", () => {
  it("a timeout after the submit gives the error, the task's handle and the command that resumes it", async () => {
    const run = await runCli(["a lighthouse [emulator: never]", "--timeout", "0.5", "--json", "--out", out]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout); // throws unless stdout is one JSON document
    expect(report).toEqual({
      error: {
        name: "TaskTimeoutError",
        code: "task_timeout",
        message: expect.stringMatching(/^apixo task \S+ did not finish within 0\.5 s \(--timeout\)/),
      },
      handle: expect.objectContaining({ provider: "apixo", model: "nano-banana" }),
      handleFile: expect.stringMatching(/\.handle\.json$/),
      resume: `imagegen resume ${report.handleFile}`,
    });
    expect(await readJson(report.handleFile)).toEqual(report.handle);
  });

  it("a task the vendor failed names the task, without a resume (it is over)", async () => {
    const run = await runCli(["a fox [emulator: fail=CONTENT_VIOLATION]", "--json", "--out", out]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.error).toMatchObject({ name: "ContentPolicyError", code: "content_policy" });
    expect(report.handle).toMatchObject({ provider: "apixo" });
    expect(report).not.toHaveProperty("resume");
  });

  it("a request refused before anything was sent has no handle, and exit code 2", async () => {
    const run = await runCli([
      "a heron",
      "-m",
      "xingchaoyiqing:nano-banana",
      "-r",
      "4K",
      "--strict",
      "--json",
      "--out",
      out,
    ]);
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout);
    expect(report.error).toMatchObject({ name: "ValidationError", code: "validation" });
    expect(report.error.message).toContain("4K");
    expect(report).not.toHaveProperty("handle");
    expect(await readdir(out)).toEqual([]);
  });

  it("a file that is not a handle is reported the same way", async () => {
    const run = await runCli(["status", join(out, "missing.handle.json"), "--json"]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({
      error: { name: "Error", code: null, message: expect.stringContaining("Cannot read the handle file") },
    });
  });
});

describe("Ctrl-C, timeouts, status and resume across processes", () => {
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
    PNG.sync.read(await readFile(report.images[0].file));
    expect(emulator.apixo.stats().submits).toBe(1);
  });

  it("after a timeout, the advised imagegen resume finishes the task without a second submit", async () => {
    const env = cleanEnv({ IMAGEGEN_EMULATOR_URL: emulator.url });
    const timedOut = await runCli(["a lighthouse", "--timeout", "0.3", "--out", out], env);
    expect(timedOut.code).toBe(1);
    expect(timedOut.stderr).toMatch(/^TaskTimeoutError: apixo task \S+ did not finish within 0\.3 s/m);
    expect(timedOut.stderr).not.toContain("client.wait");
    const advised = timedOut.stderr.match(/Resume with: imagegen (resume \S+)$/m)?.[1] ?? "";
    expect(advised).toMatch(/^resume \S+\.handle\.json$/);

    const resumed = await runCli([...advised.split(" "), "--out", out], env);
    expect(resumed.code, resumed.stderr).toBe(0);
    const saved = resumed.stdout.match(/^saved (\S+\.png) /m)?.[1] ?? "";
    PNG.sync.read(await readFile(saved));
    expect(emulator.apixo.stats().submits).toBe(1);
  });

  it("an interrupted --json run still prints one JSON object with the handle", async () => {
    const env = cleanEnv({ IMAGEGEN_EMULATOR_URL: emulator.url });
    const running = start("cli.js", ["a lighthouse", "--json", "--out", out], env);
    await expect.poll(async () => (await readdir(out)).length, { timeout: 10_000 }).toBe(1);
    running.child.kill("SIGINT");
    const interrupted = await running.finished;
    expect(interrupted.code).toBe(130);
    const report = JSON.parse(interrupted.stdout);
    expect(report).toMatchObject({
      error: { name: "AbortError", code: null },
      handle: { provider: "apixo" },
      resume: `imagegen resume ${report.handleFile}`,
    });
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
