import "../built-in-vendors.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APIXO_FAIL_MESSAGES as FAIL_MESSAGES } from "../apixo/apixo-fail-messages.js";
import { apixoWire, textToImage } from "../test-support/apixo-wire-client.js";
import { json } from "../test-support/msw.js";
import { xingchaoyiqingWire } from "../test-support/xingchaoyiqing-wire-client.js";
import { XINGCHAOYIQING_FAIL_MESSAGES } from "../xingchaoyiqing/xingchaoyiqing-fail-messages.js";
import { type RunningEmulator, startEmulator } from "./loopback-server.js";

// The behaviours of the msw suites, once more over a real socket with plain fetch: what curl, the demo and the
// benchmarks see. Real time, so tasks are given short emulated durations and polled.
let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({
    timeScale: 1,
    durationMs: 0,
    perVendor: { apixo: { limits: { concurrentTasks: 3 } } },
  });
});
afterAll(() => emulator.close());

const apixo = () => apixoWire(emulator.apixo);
const xing = () => xingchaoyiqingWire(emulator.xingchaoyiqing);

async function submitted(response: Response): Promise<string> {
  expect(response.status).toBe(200);
  return (await json(response)).data.taskId;
}

/** The distinct states a task shows while polled every few milliseconds, until it ends or `ms` pass. */
async function walk(read: () => Promise<string>, ms: number): Promise<string[]> {
  const seen: string[] = [];
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const state = await read();
    if (seen.at(-1) !== state) seen.push(state);
    if (state === "success" || state === "completed" || state === "failed") break;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return seen;
}

describe("over loopback HTTP", { timeout: 30_000 }, () => {
  it.each(Object.keys(FAIL_MESSAGES))("APIXO fail code %s", async (code) => {
    const taskId = await submitted(await apixo().submit(textToImage(`a [emulator: fail=${code}]`)));
    expect((await json(await apixo().status(taskId))).data).toMatchObject({
      state: "failed",
      failCode: code,
    });
  });

  it("xingchaoyiqing failure message", async () => {
    const { id } = await json(
      await xing().create({ model: "nano-banana", prompt: "a [emulator: fail=TIMEOUT]" }),
    );
    expect(await json(await xing().result(id))).toMatchObject({
      status: "failed",
      error: XINGCHAOYIQING_FAIL_MESSAGES.TIMEOUT,
    });
  });

  it.each([400, 401, 402, 403, 429, 500, 502, 503, 504])(
    "APIXO HTTP %i with the envelope",
    async (status) => {
      const response = await apixo().submit(textToImage(`a [emulator: submit=${status}]`));
      expect(response.status).toBe(status);
      expect(await json(response)).toMatchObject({ code: status, data: null });
    },
  );

  it("a wrong key gets 401 from both vendors", async () => {
    expect((await apixoWire(emulator.apixo, "nope").submit(textToImage("a"))).status).toBe(401);
    expect((await xingchaoyiqingWire(emulator.xingchaoyiqing, "nope").result("x")).status).toBe(401);
  });

  it("a body the vendor refuses gets 400 naming the field", async () => {
    const response = await xing().create({ model: "nano-banana-2", prompt: "a", resolution: "4k" });
    expect([response.status, (await json(response)).error.message]).toEqual([
      400,
      "resolution 4k is not supported by nano-banana-2",
    ]);
  });

  it("429 with Retry-After, in seconds and as an HTTP date", async () => {
    const seconds = await apixo().submit(textToImage("a [emulator: submit=429+retry:5]"));
    expect(seconds.headers.get("retry-after")).toBe("5");
    const date = await apixo().submit(textToImage("b [emulator: submit=429+retry-date:5]"));
    expect(Date.parse(date.headers.get("retry-after") ?? "")).toBeGreaterThan(Date.now());
  });

  it("an error code in the body with HTTP 200", async () => {
    const response = await apixo().submit(textToImage("a [emulator: submit=in-body:402]"));
    expect([response.status, (await json(response)).code]).toEqual([200, 402]);
  });

  it("malformed JSON and an HTML error page", async () => {
    await expect(
      (await apixo().submit(textToImage("a [emulator: submit=malformed]"))).json(),
    ).rejects.toThrow(SyntaxError);
    const html = await apixo().submit(textToImage("a [emulator: submit=html:504]"));
    expect([html.status, html.headers.get("content-type")]).toEqual([504, "text/html; charset=utf-8"]);
  });

  it("resultJson that is not JSON", async () => {
    const taskId = await submitted(await apixo().submit(textToImage("a [emulator: result=not-json]")));
    const { data } = await json(await apixo().status(taskId));
    expect(() => JSON.parse(data.resultJson)).toThrow(SyntaxError);
  });

  it("unknown states and a regression, in order", async () => {
    const prompt = "a [emulator: duration=2500 states=pending,processing,pending,moderating,success]";
    const taskId = await submitted(await apixo().submit(textToImage(prompt)));
    const seen = await walk(async () => (await json(await apixo().status(taskId))).data.state, 10_000);
    expect(seen).toEqual(["pending", "processing", "pending", "moderating", "success"]);
  });

  it("a task that never finishes", async () => {
    const { id } = await json(await xing().create({ model: "nano-banana", prompt: "a [emulator: never]" }));
    expect(await walk(async () => (await json(await xing().result(id))).status, 300)).toEqual(["processing"]);
  });

  it("a slow answer arrives no sooner than asked", async () => {
    const start = performance.now();
    expect((await apixo().submit(textToImage("a [emulator: submit=slow:200]"))).status).toBe(200);
    expect(performance.now() - start).toBeGreaterThanOrEqual(190);
  });

  it("connection resets, with and without the task created", async () => {
    const before = emulator.apixo.stats().tasksCreated;
    await expect(apixo().submit(textToImage("a [emulator: submit=reset]"))).rejects.toThrow(TypeError);
    expect(emulator.apixo.stats().tasksCreated).toBe(before);
    await expect(apixo().submit(textToImage("b [emulator: submit=reset+after]"))).rejects.toThrow(TypeError);
    expect(emulator.apixo.stats().tasksCreated).toBe(before + 1);
  });

  it("the concurrent-task quota", async () => {
    const stuck = Array.from({ length: 3 }, (_, i) => apixo().submit(textToImage(`${i} [emulator: never]`)));
    expect((await Promise.all(stuck)).map((r) => r.status)).toEqual([200, 200, 200]);
    expect((await apixo().submit(textToImage("one more"))).status).toBe(429);
    emulator.apixo.reset();
    expect((await apixo().submit(textToImage("after reset"))).status).toBe(200);
  });

  it("downloads: 404, a redirect, and a body far too large", async () => {
    const url = async (prompt: string) => {
      const taskId = await submitted(await apixo().submit(textToImage(prompt)));
      return JSON.parse((await json(await apixo().status(taskId))).data.resultJson).resultUrls[0] as string;
    };
    expect((await fetch(await url("a [emulator: image=404]"))).status).toBe(404);
    expect((await fetch(await url("b [emulator: image=redirect]"))).headers.get("content-type")).toBe(
      "image/png",
    );
    const huge = await fetch(await url("c [emulator: image=huge]"));
    expect((await huge.arrayBuffer()).byteLength).toBe(64 * 1024 * 1024);
  });
});
