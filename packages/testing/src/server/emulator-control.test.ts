import "../built-in-vendors.js";
import { afterEach, describe, expect, it } from "vitest";
import { apixoWire, textToImage } from "../test-support/apixo-wire-client.js";
import { json } from "../test-support/msw.js";
import { emulatorUpload } from "./emulator-upload.js";
import { type RunningEmulator, startEmulator } from "./loopback-server.js";

let running: RunningEmulator | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function start() {
  running = await startEmulator({ timeScale: 0.001 });
  return running;
}

const PNG_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

// Real sockets: generous limits for a busy 2-core CI machine.
describe("the loopback emulator's counters over HTTP", { timeout: 20_000 }, () => {
  it("GET /__emulator/stats is each vendor's stats(), as another process sees them", async () => {
    const emulator = await start();
    await apixoWire(emulator.apixo).submit(textToImage("a fox"));
    const stats = await json(await fetch(`${emulator.url}/__emulator/stats`));
    expect(stats).toEqual({ apixo: emulator.apixo.stats(), xingchaoyiqing: emulator.xingchaoyiqing.stats() });
    expect(stats.apixo).toMatchObject({ submits: 1, tasksCreated: 1 });
  });

  it("GET /__emulator/tasks is each vendor's tasks(), with the submit body as received", async () => {
    const emulator = await start();
    const submitted = await json(await apixoWire(emulator.apixo).submit(textToImage("a fox")));
    const tasks = await json(await fetch(`${emulator.url}/__emulator/tasks`));
    expect(tasks.xingchaoyiqing).toEqual([]);
    expect(tasks.apixo).toEqual([
      expect.objectContaining({
        id: submitted.data.taskId,
        model: "nano-banana",
        request: expect.objectContaining({ input: expect.objectContaining({ prompt: "a fox" }) }),
      }),
    ]);
  });

  it("answers 404 for any other control path, and leaves the emulated APIs' paths alone", async () => {
    const emulator = await start();
    expect((await fetch(`${emulator.url}/__emulator/nothing`)).status).toBe(404);
    expect((await fetch(`${emulator.url}/__emulator/uploads/..`)).status).toBe(404);
    expect((await apixoWire(emulator.apixo).submit(textToImage("a fox"))).status).toBe(200);
  });
});

describe("the loopback emulator's storage for reference images", { timeout: 20_000 }, () => {
  it("PUT stores a file and answers its URL; GET serves it back, with its type", async () => {
    const emulator = await start();
    const put = await fetch(`${emulator.url}/__emulator/uploads/fox.png`, {
      method: "PUT",
      headers: { "content-type": "image/png" },
      body: PNG_BYTES,
    });
    expect(put.status).toBe(201);
    const { url } = await json(put);
    expect(url).toBe(`${emulator.url}/__emulator/uploads/fox.png`);
    const got = await fetch(url);
    expect(got.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(PNG_BYTES);
    expect((await fetch(`${emulator.url}/__emulator/uploads/other.png`)).status).toBe(404);
  });

  it("emulatorUpload is an upload hook: the same file, one URL, which the emulator takes as a reference", async () => {
    const emulator = await start();
    const upload = emulatorUpload(`${emulator.url}/`);
    const file = new Blob([PNG_BYTES], { type: "image/png" });
    const url = await upload(file);
    expect(url).toMatch(new RegExp(`^${emulator.url}/__emulator/uploads/[0-9a-f]{32}\\.png$`));
    expect(await upload(new Blob([PNG_BYTES], { type: "image/png" }))).toBe(url);
    const body = { input: { mode: "image-to-image", prompt: "the fox, in winter", image_urls: [url] } };
    const submitted = await json(await apixoWire(emulator.apixo).submit(body));
    expect(submitted.code).toBe(200);
  });

  it("refuses an upload over 10 MB with 413, and says so through the hook", async () => {
    const emulator = await start();
    const big = new Blob([new Uint8Array(11 * 1024 * 1024)], { type: "image/png" });
    await expect(emulatorUpload(emulator.url)(big)).rejects.toThrow(/did not store the file: HTTP 413/);
  });
});
