import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EMULATOR_API_KEY, type RunningEmulator, startEmulator } from "@org/imagegen-testing";
import { PNG } from "pngjs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cleanEnv, runCli } from "../test-support/processes.js";

// Local files as references (`--ref ./fox.png`), as a user runs the built bin. The emulator runs in this
// process (IMAGEGEN_EMULATOR_URL), so the test can see what reached it.
let out: string;
let fox: Buffer;
let emulator: RunningEmulator;
beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), "imagegen-refs-"));
  const png = new PNG({ width: 4, height: 4 });
  png.data.fill(200);
  fox = PNG.sync.write(png);
  await writeFile(join(out, "fox.png"), fox);
  emulator = await startEmulator({ timeScale: 0.01 });
});
afterEach(async () => {
  await emulator.close();
  await rm(out, { recursive: true, force: true });
});

type Submitted = { input: { mode: string; image_urls: string[] } };

describe("--ref with a local file", () => {
  it("with the emulator: the file is uploaded to the emulator's storage and the task takes its URL", async () => {
    const env = cleanEnv({ IMAGEGEN_EMULATOR_URL: emulator.url });
    const run = await runCli(["the fox, in winter", "--ref", join(out, "fox.png"), "--out", out], env);
    expect(run.code, run.stderr).toBe(0);
    const [task] = emulator.apixo.tasks();
    const { input } = (task?.request ?? {}) as Submitted;
    expect(input.mode).toBe("image-to-image");
    expect(input.image_urls).toEqual([expect.stringMatching(`^${emulator.url}/__emulator/uploads/`)]);
    const stored = await fetch(input.image_urls[0] ?? "");
    expect(Buffer.from(await stored.arrayBuffer()).equals(fox)).toBe(true);
  });

  it("a file that does not exist: a ValidationError naming it, exit 2, nothing sent", async () => {
    const env = cleanEnv({ IMAGEGEN_EMULATOR_URL: emulator.url });
    const run = await runCli(["a fox", "--ref", "./no-such-fox.png", "--out", out], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'ValidationError: Reference "./no-such-fox.png" cannot be read: no such file',
    );
    expect(emulator.apixo.stats().submits).toBe(0);
  });

  it("with a real vendor (its key set): a clear error saying to give a public URL, and nothing sent", async () => {
    // The "real" APIXO is this emulator, reached through APIXO_BASE_URL with the key set.
    const env = cleanEnv({ APIXO_API_KEY: EMULATOR_API_KEY, APIXO_BASE_URL: emulator.apixo.baseUrl });
    const run = await runCli(["a fox", "--ref", join(out, "fox.png"), "--out", out], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/ValidationError: Reference ".*fox\.png" is a local file, and a real vendor/);
    expect(run.stderr).toContain("https:// URL");
    expect(emulator.apixo.stats().submits).toBe(0);
  });
});
