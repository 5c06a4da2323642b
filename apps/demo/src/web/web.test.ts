import { readFile } from "node:fs/promises";
import type { Browser } from "playwright-core";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate, hasBrowser, launchBrowser, type Site, serve } from "../test-support/web-page.js";

// The web page in Debian's Chromium against the built server (see test-support/web-page.ts).
let browser: Browser;
beforeAll(async () => {
  if (hasBrowser) browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe.runIf(hasBrowser)("the web page, against the built-in emulator", () => {
  let site: Site;
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

describe.runIf(hasBrowser)("a first visit", () => {
  let site: Site;
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
  let site: Site;
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
