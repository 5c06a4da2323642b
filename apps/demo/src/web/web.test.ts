import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningEmulator, startEmulator } from "@org/imagegen-testing";
import { type Browser, chromium, type Page } from "playwright-core";
import { PNG } from "pngjs";
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

async function serve(extraArgs: string[] = [], env: Record<string, string> = {}) {
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

  it("takes a reference image file: it is uploaded to the emulator's storage, and the task gets its URL", async () => {
    const page = await browser.newPage();
    await page.goto(site.url);
    await page.locator("body[data-ready=true]").waitFor();
    const png = new PNG({ width: 4, height: 4 });
    png.data.fill(180);
    await page.getByLabel("Or reference image files").setInputFiles({
      name: "fox.png",
      mimeType: "image/png",
      buffer: PNG.sync.write(png),
    });
    const prompt = "the fox, in winter";
    await generate(page, prompt, "apixo:nano-banana");
    await page.getByRole("img", { name: prompt }).waitFor({ timeout: 20_000 });
    // The built-in emulator runs in the server's process: its counters over HTTP show what reached it.
    const emulatorUrl = (await page.locator("#notice").textContent())?.match(/on (http:\/\/\S+?) \(/)?.[1];
    const tasks = await (await fetch(`${emulatorUrl}/__emulator/tasks`)).json();
    const task = tasks.apixo.find(
      (t: { request: { input: { prompt: string } } }) => t.request.input.prompt === prompt,
    );
    expect(task.request.input).toMatchObject({
      mode: "image-to-image",
      image_urls: [expect.stringMatching(`^${emulatorUrl}/__emulator/uploads/`)],
    });
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

describe.runIf(hasBrowser)("on a phone (390×844)", () => {
  let site: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    site = await serve();
  });
  afterAll(() => site?.stop());

  const phone = () => browser.newPage({ viewport: { width: 390, height: 844 } });
  const scrollWidth = (page: Page) => page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);

  it("fits the width: no sideways scroll, and every control of the form can be used", async () => {
    const page = await phone();
    await page.goto(site.url);
    await page.locator("body[data-ready=true]").waitFor();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
    for (const label of ["Prompt", "Model", "Aspect ratio", "Resolution", "Output format"]) {
      const box = await page.getByLabel(label, { exact: true }).boundingBox();
      expect(box, label).not.toBeNull();
      expect((box?.x ?? 0) + (box?.width ?? 0), label).toBeLessThanOrEqual(390);
    }
    await page.getByLabel("Model").selectOption("apixo:nano-banana-pro");
    await page.getByLabel("Resolution").selectOption("2K");
    expect(await page.locator("#typical").textContent()).toMatch(/^usually takes \d/);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
    await page.close();
  });

  it("shows the expected duration and a progress bar, and survives a reload mid-run", {
    timeout: 60_000,
  }, async () => {
    const page = await phone();
    await page.goto(site.url);
    // 160 s of vendor time at the test's pace (0.05): 8 s, room to reload in the middle on a busy machine.
    const prompt = "a slow fox [emulator: duration=160000]";
    await generate(page, prompt, "apixo:nano-banana");
    await page.locator("#progress[data-state=queued], #progress[data-state=running]").waitFor();
    const id = await page.locator("#task-id").textContent();
    expect(await page.locator("#expected").textContent()).toMatch(/^expected \d.*–.* s · .* so far$/);
    await expect
      .poll(() => page.locator("#bar").evaluate((bar: HTMLProgressElement) => bar.value))
      .toBeGreaterThan(0);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);

    await page.reload();
    await page.locator("body[data-ready=true]").waitFor();
    expect(await page.locator("#progress").isVisible()).toBe(true);
    expect(await page.locator("#task-id").textContent()).toBe(id);
    // The image arrives on this page, without another reload.
    await page.locator("#progress[data-state=succeeded]").waitFor({ timeout: 40_000 });
    await page.getByRole("img", { name: prompt }).waitFor();
    expect(await page.getByRole("img", { name: prompt }).count()).toBe(1);
    expect(await page.locator("#bar").evaluate((bar: HTMLProgressElement) => bar.value)).toBe(1);
    expect(await page.getByRole("button", { name: "Generate" }).isEnabled()).toBe(true);

    // Done is done: the next load follows nothing.
    await page.reload();
    await page.locator("body[data-ready=true]").waitFor();
    expect(await page.locator("#progress").isHidden()).toBe(true);
    await page.close();
  });

  it("serves a favicon: loading the page meets no 404", async () => {
    const page = await phone();
    const missing: string[] = [];
    page.on("response", (response) => {
      if (response.status() >= 400) missing.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(site.url);
    await page.locator("body[data-ready=true]").waitFor();
    const icon = await page.request.get(`${site.url}/favicon.ico`);
    expect(icon.status()).toBe(200);
    expect(icon.headers()["content-type"]).toBe("image/svg+xml");
    expect(missing).toEqual([]);
    await page.close();
  });
});

describe.runIf(hasBrowser)("a page reloaded after its server restarted", () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ timeScale: 0.05 });
  });
  afterAll(() => emulator?.close());

  it("waits on the saved handle again, never submits again, and shows the image", {
    timeout: 60_000,
  }, async () => {
    const env = { IMAGEGEN_EMULATOR_URL: emulator.url };
    const first = await serve([], env);
    const page = await browser.newPage();
    await page.goto(first.url);
    const prompt = "a patient fox [emulator: duration=160000]";
    await generate(page, prompt, "apixo:nano-banana");
    await page.locator("#progress[data-state=queued], #progress[data-state=running]").waitFor();
    const saved = await page.evaluate(() => localStorage.getItem("imagegen.task"));
    await first.stop();

    const second = await serve([], env);
    try {
      // A new port is a new origin: carry the page's saved task over, as the same origin would keep it.
      await page.goto(second.url);
      await page.evaluate((task) => localStorage.setItem("imagegen.task", task ?? ""), saved);
      await page.reload();
      await page.locator("#progress[data-state=succeeded]").waitFor({ timeout: 40_000 });
      await page.getByRole("img", { name: prompt }).waitFor();
      expect(emulator.apixo.stats().submits).toBe(1);
    } finally {
      await page.close();
      await second.stop();
    }
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
