import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { cleanEnv, start } from "./processes.js";

// The web demo end to end: the built server as a subprocess (its own emulator, no key) and Debian's Chromium,
// which `.ci/run` installs with apt. Set CHROMIUM_PATH to use another build. Without a browser the suites are
// skipped on a developer's machine and fail in CI, where one is always installed.
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const hasBrowser = existsSync(CHROMIUM);
if (!hasBrowser && process.env.CI) throw new Error(`No browser at ${CHROMIUM}: install Debian's chromium.`);
if (!hasBrowser)
  console.error(`Skipping the browser tests: no browser at ${CHROMIUM} (apt-get install chromium).`);
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Debian's Chromium, headless, never a downloaded browser. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export type Site = Awaited<ReturnType<typeof serve>>;

/** The built web demo on a free port, its gallery in a fresh folder, its emulator at 20× the vendors' pace. */
export async function serve(extraArgs: string[] = [], env: Record<string, string> = {}) {
  const out = await mkdtemp(join(tmpdir(), "imagegen-web-"));
  const server = start(
    "web.js",
    ["--port", "0", "--out", out, ...extraArgs],
    cleanEnv({ IMAGEGEN_EMULATOR_TIME_SCALE: "0.05", ...env }),
  );
  const stderr = await server.stderrContains(/imagegen demo on (\S+)/);
  const url = stderr.match(/imagegen demo on (\S+)/)?.[1] ?? "";
  return {
    url,
    server,
    async stop() {
      server.child.kill("SIGTERM");
      await server.finished;
      await rm(out, { recursive: true, force: true });
    },
  };
}

/** Fills the form as a person does and presses Generate. */
export async function generate(page: Page, prompt: string, model: string, format?: string) {
  await page.locator("body[data-ready=true]").waitFor();
  await page.getByLabel("Prompt").fill(prompt);
  await page.getByLabel("Model").selectOption(model);
  if (format) await page.getByLabel("Output format").selectOption(format); // after the model: it lists them
  await page.getByRole("button", { name: "Generate" }).click();
}
