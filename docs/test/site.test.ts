import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Builds the site exactly as `pnpm build` does (typedoc.json, warnings as errors), into a folder of its own.

const docsRoot = resolve(import.meta.dirname, "..");
let out: string;

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), "imagegen-site-"));
  const typedoc = join(docsRoot, "node_modules", "typedoc", "bin", "typedoc");
  await promisify(execFile)(process.execPath, [typedoc, "--out", out], { cwd: docsRoot });
}, 240_000);
afterAll(() => rm(out, { recursive: true, force: true }));

const page = (path: string) => readFile(join(out, path), "utf8");
/** A page's text as shown: highlighting splits code into spans and escapes quotes. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, "")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

describe("the API reference", () => {
  it.each([
    ["@org/imagegen-core", "createImageClient"],
    ["@org/imagegen-core/provider", "createHttpClient"],
    ["@org/imagegen-apixo", "apixo"],
    ["@org/imagegen-xingchaoyiqing", "xingchaoyiqing"],
    ["@org/imagegen-redis", "redisCoordinator"],
    ["@org/imagegen-bullmq", "createImageWorker"],
    ["@org/imagegen-ai-sdk", "imagegen"],
    ["@org/imagegen-testing", "startEmulator"],
  ])("has a page for %s, named as users import it, listing %s", async (name, member) => {
    const file = `modules/${name.replace(/[@/]/g, "_")}.html`;
    const html = await page(file);
    expect(html).toContain(`<title>${name} | @org/imagegen</title>`);
    expect(html).toMatch(new RegExp(`>${member}<`));
  });

  it("carries the TSDoc of the published declarations", async () => {
    const html = await page("functions/_org_imagegen-core.createImageClient.html");
    expect(html).toContain("Creates the unified client over the configured providers.");
  });
});

describe("the guides", () => {
  it.each([
    ["Getting_started.html", "Getting started"],
    ["Going_to_production.html", "Going to production"],
    ["Webhooks.html", "Webhooks"],
  ])("has %s, linked from the home page", async (file, title) => {
    expect(await page(`documents/${file}`)).toContain(`<title>${title} | @org/imagegen</title>`);
    expect(await page("index.html")).toContain(`href="documents/${file}"`);
  });

  it("shows each webhook recipe's own file", async () => {
    const html = await page("documents/Webhooks.html");
    for (const recipe of [
      "express.ts",
      "fastify.ts",
      "hono.ts",
      "nextjs/app/api/imagegen/webhook/route.ts",
    ]) {
      const source = await readFile(join(docsRoot, "recipes", "webhooks", recipe), "utf8");
      const signature = source.split("\n").find((line) => line.startsWith("export "));
      if (!signature) throw new Error(`${recipe} exports nothing`);
      expect(text(html)).toContain(signature);
    }
  });

  it("has no broken link between its pages, anchors included", async () => {
    const broken: string[] = [];
    const pages = ["index.html", ...(await readdir(join(out, "documents"))).map((f) => `documents/${f}`)];
    for (const from of pages) {
      const html = await page(from);
      for (const [, href = ""] of html.matchAll(/href="([^"]*)"/g)) {
        if (href === "" || href === "#" || /^[a-z]+:/i.test(href) || href.startsWith("assets/")) continue;
        if (href.includes("assets/icons.svg")) continue;
        const [path = "", anchor] = href.split("#");
        const target = path === "" ? join(out, from) : resolve(dirname(join(out, from)), path);
        if (!existsSync(target)) {
          broken.push(`${from} → ${href}`);
          continue;
        }
        if (anchor && !(await readFile(target, "utf8")).includes(`id="${anchor}"`)) {
          broken.push(`${from} → ${relative(out, target)}#${anchor}`);
        }
      }
    }
    expect(broken).toEqual([]);
  });
});
