import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanEnv, start } from "../test-support/processes.js";

// The web demo end to end: the built server as a subprocess (its own emulator, no key) and Debian's Chromium,
// which `.ci/run` installs with apt. Set CHROMIUM_PATH to use another build. Without a browser the suite is
// skipped on a developer's machine and fails in CI, where one is always installed.
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const hasBrowser = existsSync(CHROMIUM);
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

let browser: Browser;
beforeAll(async () => {
  if (hasBrowser) browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});
afterAll(() => browser?.close());

async function serve(extraArgs: string[] = []) {
  const out = await mkdtemp(join(tmpdir(), "imagegen-web-"));
  const server = start(
    "web.js",
    ["--port", "0", "--out", out, ...extraArgs],
    cleanEnv({ IMAGEGEN_EMULATOR_TIME_SCALE: "0.05" }),
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

async function generate(page: Page, prompt: string, model: string, format?: string) {
  await page.locator("body[data-ready=true]").waitFor();
  await page.getByLabel("Prompt").fill(prompt);
  await page.getByLabel("Model").selectOption(model);
  if (format) await page.getByLabel("Output format").selectOption(format); // after the model: it lists them
  await page.getByRole("button", { name: "Generate" }).click();
}

describe.runIf(hasBrowser)("the web page, against the built-in emulator", () => {
  let site: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    site = await serve();
  });
  afterAll(() => site?.stop());

  for (const model of ["apixo:nano-banana", "xingchaoyiqing:nano-banana-pro"]) {
    it(`${model}: submit a prompt, see live progress, see the image appear in the gallery`, async () => {
      const page = await browser.newPage();
      await page.goto(site.url);
      const prompt = `a red fox via ${model}`;
      await generate(page, prompt, model);
      await expect.poll(() => page.locator("#notice").textContent()).toContain("built-in");
      await page.locator("#progress[data-state=succeeded]").waitFor({ timeout: 20_000 });
      const timeline = await page.locator("#timeline li").allTextContents();
      expect(timeline.length).toBeGreaterThan(0);
      expect(timeline.at(-1)).toMatch(/^succeeded · \d+\.\d s · \d+ polls?$/);
      const image = page.getByRole("img", { name: prompt });
      await image.waitFor();
      const size = await image.evaluate((img: HTMLImageElement) => [img.complete, img.naturalWidth]);
      expect(size[0]).toBe(true);
      expect(size[1]).toBeGreaterThan(0);
      await page.close();
    });
  }

  it("shows a request the model cannot take as the ValidationError's message, and starts nothing", async () => {
    const page = await browser.newPage();
    await page.goto(site.url);
    await page.getByLabel("Reference image URLs").fill("not a url");
    await generate(page, "a heron", "apixo:nano-banana");
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/^ValidationError: .*referenceImages/);
    expect(await page.locator("#progress").isHidden()).toBe(true);
    await page.close();
  });

  it("offers the output formats of the chosen model, and none for a model without a choice", async () => {
    const page = await browser.newPage();
    await page.goto(site.url);
    await page.locator("body[data-ready=true]").waitFor();
    const format = page.getByLabel("Output format");
    await page.getByLabel("Model").selectOption("apixo:nano-banana");
    expect(await format.locator("option").allTextContents()).toEqual(["model default", "png", "jpeg"]);
    await page.getByLabel("Model").selectOption("xingchaoyiqing:nano-banana");
    expect(await format.isHidden()).toBe(true);
    expect(await format.isDisabled()).toBe(true);
    await page.close();
  });

  it("generates in the chosen format, and each image downloads as its file", async () => {
    const page = await browser.newPage();
    await page.goto(site.url);
    const prompt = "a heron in jpeg";
    await generate(page, prompt, "apixo:nano-banana", "jpeg");
    const card = page.locator("figure", { has: page.getByRole("img", { name: prompt }) });
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      card.getByRole("link", { name: "Download" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.jpg$/);
    const bytes = await readFile(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]); // a JPEG's start-of-image marker
    await page.close();
  });

  it("keeps the gallery across page loads (it is served from local storage)", async () => {
    const page = await browser.newPage();
    await page.goto(site.url);
    await page.locator("body[data-ready=true]").waitFor();
    expect(await page.locator("#gallery figure").count()).toBeGreaterThanOrEqual(2);
    await page.close();
  });
});

describe.runIf(hasBrowser)("a first visit", () => {
  let site: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    site = await serve();
  });
  afterAll(() => site?.stop());

  it("shows an empty gallery that says how to fill it, until the first image arrives", async () => {
    const page = await browser.newPage();
    await page.goto(site.url);
    await page.locator("body[data-ready=true]").waitFor();
    const empty = page.getByText("No images yet");
    expect(await empty.isVisible()).toBe(true);
    expect(await page.locator("#gallery figure").count()).toBe(0);
    await generate(page, "a first fox", "apixo:nano-banana");
    await page.getByRole("img", { name: "a first fox" }).waitFor({ timeout: 20_000 });
    expect(await empty.isHidden()).toBe(true);
    await page.close();
  });
});

describe.runIf(hasBrowser)("callback mode", () => {
  let site: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    site = await serve(["--callback"]);
  });
  afterAll(() => site?.stop());

  it("the emulator calls the page's server back and the task completes", async () => {
    const page = await browser.newPage();
    await page.goto(site.url);
    await generate(page, "a kite", "apixo:nano-banana");
    await page.locator("#progress[data-state=succeeded]").waitFor({ timeout: 20_000 });
    const id = await page.locator("#task-id").textContent();
    await site.server.stderrContains(`callback: task ${id} is succeeded`);
    await page.close();
  });
});
