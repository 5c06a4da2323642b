import { execFile } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const main = fileURLToPath(new URL("./main.js", import.meta.url));
const run = promisify(execFile);

/** The README's first command, as a user runs it: a fresh folder, a prompt, a model from config. */
async function quickstart(model) {
  const cwd = await mkdtemp(join(tmpdir(), "quickstart-"));
  const { stdout } = await run(process.execPath, [main, "a", "lighthouse"], {
    cwd,
    env: { ...process.env, IMAGEGEN_MODEL: model, INIT_CWD: cwd },
  });
  const saved = /saved (\S+\.svg)/.exec(stdout)?.[1];
  expect(saved?.startsWith(join(cwd, "out"))).toBe(true);
  return { stdout, saved, svg: saved && (await readFile(saved, "utf8")) };
}

describe("the quickstart", () => {
  for (const model of ["sketch:pencil", "ink:brush"]) {
    it(`generates with ${model}, chosen by config, and saves the image`, async () => {
      const { stdout, svg } = await quickstart(model);
      expect(stdout).toContain(`submitted ${model}`);
      expect(stdout).toContain("running → succeeded");
      expect(svg).toMatch(/^<svg .*<title>a lighthouse<\/title>/);
    });
  }
});
