import { type RunningEmulator, startEmulator } from "@org/imagegen-testing";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate, hasBrowser, launchBrowser, type Site, serve } from "../test-support/web-page.js";

// The web page as a phone shows it, and a run that outlives its page or its server (Debian's Chromium).
let browser: Browser;
beforeAll(async () => {
  if (hasBrowser) browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe.runIf(hasBrowser)("on a phone (390×844)", () => {
  let site: Site;
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
