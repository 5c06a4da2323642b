import "../built-in-vendors.js";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { apixoWire, textToImage } from "../test-support/apixo-wire-client.js";
import { decodeImage } from "../test-support/images.js";
import { json } from "../test-support/msw.js";
import { xingchaoyiqingWire } from "../test-support/xingchaoyiqing-wire-client.js";
import { type RunningEmulator, startEmulator } from "./loopback-server.js";

const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

async function start<const V extends "apixo" | "xingchaoyiqing">(
  options: Parameters<typeof startEmulator<V>>[0] = {},
) {
  const emulator = await startEmulator<V>({ timeScale: 0.001, ...options });
  running.push(emulator);
  return emulator;
}

/** Polls with plain fetch until `done` holds (real time, bounded). */
async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

// Real sockets and real time: generous limits for a busy 2-core CI machine; the tasks themselves take milliseconds.
describe("startEmulator: both vendors over real HTTP on loopback", { timeout: 20_000 }, () => {
  it("lists where each vendor lives at /", async () => {
    const emulator = await start();
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await json(await fetch(emulator.url))).toEqual({
      apixo: {
        baseUrl: `${emulator.url}/api/v1`,
        filesUrl: `${emulator.url}/files/apixo`,
        apiKey: "emulator-key",
      },
      xingchaoyiqing: {
        baseUrl: `${emulator.url}/kyyReactApiServer`,
        filesUrl: `${emulator.url}/files/xingchaoyiqing`,
        apiKey: "emulator-key",
      },
    });
  });

  it("runs an APIXO task from submit to a downloaded JPEG", async () => {
    const emulator = await start();
    const wire = apixoWire(emulator.apixo);
    const submitted = await json(
      await wire.submit(textToImage("a fox", { output_format: "jpeg", aspect_ratio: "4:3" })),
    );
    const { data } = await pollUntil(
      async () => json(await wire.status(submitted.data.taskId)),
      (body) => body.data.state === "success",
    );
    const [url] = JSON.parse(data.resultJson).resultUrls as string[];
    expect(url?.startsWith(`${emulator.url}/files/apixo/`)).toBe(true);
    const image = await fetch(url as string);
    expect(decodeImage(await image.arrayBuffer(), image.headers.get("content-type"))).toEqual({
      format: "jpeg",
      width: 1184,
      height: 880,
    });
  });

  it("runs a xingchaoyiqing task from create to a downloaded PNG", async () => {
    const emulator = await start({ vendors: ["xingchaoyiqing"] });
    const wire = xingchaoyiqingWire(emulator.xingchaoyiqing);
    const created = await json(await wire.create({ model: "nano-banana-pro", prompt: "a cat", size: "1:1" }));
    const result = await pollUntil(
      async () => json(await wire.result(created.id)),
      (body) => body.status === "completed",
    );
    const image = await fetch(result.image_url);
    expect(decodeImage(await image.arrayBuffer(), image.headers.get("content-type"))).toMatchObject({
      format: "png",
    });
  });

  it("keeps idle connections longer than clients keep theirs, so none is reused as the server closes it", async () => {
    const emulator = await start({ vendors: ["apixo"] });
    const response = await fetch(emulator.url);
    await response.arrayBuffer();
    expect(response.headers.get("keep-alive")).toBe("timeout=65");
  });

  it("sends a JSON answer whole, with its length, and streams one of unknown length", async () => {
    const emulator = await start({ vendors: ["apixo"] });
    const { apixo } = emulator;
    const submitted = await fetch(`${apixo.baseUrl}/generateTask/nano-banana`, {
      method: "POST",
      headers: { authorization: `Bearer ${apixo.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify(textToImage("a fox")),
    });
    const text = await submitted.text();
    expect(Number(submitted.headers.get("content-length"))).toBe(Buffer.byteLength(text));
    apixo.inject("status", { kind: "huge", bytes: 3 * 1024 * 1024 });
    const huge = await fetch(`${apixo.baseUrl}/statusTask/nano-banana?taskId=x`, {
      headers: { authorization: `Bearer ${apixo.apiKey}` },
    });
    expect(huge.headers.get("transfer-encoding")).toBe("chunked");
    expect((await huge.arrayBuffer()).byteLength).toBe(3 * 1024 * 1024);
  });

  it("drops the TCP connection for a reset fault", async () => {
    const emulator = await start({ vendors: ["apixo"] });
    const wire = apixoWire(emulator.apixo);
    const error = await wire.submit(textToImage("a [emulator: submit=reset+after]")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(emulator.apixo.stats().tasksCreated).toBe(1);
  });

  it("passes redirects through, bodiless, for image=redirect", async () => {
    const emulator = await start({ vendors: ["apixo"] });
    const wire = apixoWire(emulator.apixo);
    const { data } = await json(await wire.submit(textToImage("a [emulator: image=redirect duration=0]")));
    await pollUntil(
      async () => (await json(await wire.status(data.taskId))).data.state,
      (s) => s === "success",
    );
    const [url] = emulator.apixo.task(data.taskId)?.imageUrls ?? [];
    const redirect = await fetch(url as string, { redirect: "manual" });
    expect([redirect.status, await redirect.text()]).toEqual([302, ""]);
    expect((await fetch(url as string)).headers.get("content-type")).toBe("image/png");
  });

  it("drops a request whose body is over 1 MiB", async () => {
    const emulator = await start({ vendors: ["apixo"] });
    const wire = apixoWire(emulator.apixo);
    await expect(wire.submit(textToImage("x".repeat(1024 * 1024 + 1)))).rejects.toThrow(TypeError);
    expect(emulator.apixo.stats().submits).toBe(0);
  });

  it("answers 404 for paths outside the emulated APIs and for vendors not served", async () => {
    const emulator = await start({ vendors: ["apixo"] });
    expect((await fetch(`${emulator.url}/nowhere`)).status).toBe(404);
    expect((await fetch(`${emulator.url}/kyyReactApiServer/v1/result/x`)).status).toBe(404);
    expect((emulator as Partial<RunningEmulator>).xingchaoyiqing).toBeUndefined();
  });

  it("delivers callbacks to a real receiver and redelivers after a failure", async () => {
    const bodies: unknown[] = [];
    const receiver = createServer((req, res) => {
      let text = "";
      req.on("data", (chunk) => {
        text += chunk;
      });
      req.on("end", () => {
        bodies.push(JSON.parse(text));
        res.statusCode = bodies.length === 1 ? 500 : 200;
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    running.push({ close: () => new Promise((resolve) => receiver.close(() => resolve())) });
    const callbackUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const emulator = await start({ vendors: ["apixo"], timeScale: 0.0005 });
    await apixoWire(emulator.apixo).submit(
      textToImage("a fox", {}, { request_type: "callback", callback_url: callbackUrl }),
    );
    await pollUntil(
      async () => emulator.apixo.deliveries.length,
      (count) => count === 2,
    );
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toEqual(bodies[0]);
    expect(bodies[0]).toMatchObject({ code: 200, data: { state: "success" } });
    expect(emulator.apixo.deliveries.map((d) => d.status)).toEqual([500, 200]);
  });

  it("hands back the adapter settings and the client options that match its pace", async () => {
    const emulator = await start({ timeScale: 0.05 });
    expect(emulator.clientOptions).toEqual({ poll: { timeScale: 0.05 } });
    expect(emulator.apixo.providerSettings).toEqual({
      baseUrl: `${emulator.url}/api/v1`,
      apiKey: "emulator-key",
    });
    expect(emulator.xingchaoyiqing.providerSettings).toEqual({
      baseUrl: `${emulator.url}/kyyReactApiServer`,
      apiKey: "emulator-key",
    });
  });

  it("paces the client for the fastest vendor served, and never at 0 (a busy loop)", async () => {
    const mixed = await start({ timeScale: 0.5, perVendor: { apixo: { timeScale: 0.01 } } });
    expect(mixed.clientOptions.poll.timeScale).toBe(0.01);
    expect(mixed.apixo.clientOptions.poll.timeScale).toBe(0.01);
    expect(mixed.xingchaoyiqing.clientOptions.poll.timeScale).toBe(0.5);
    const instant = await start({ timeScale: 0 });
    expect(instant.clientOptions.poll.timeScale).toBe(0.001);
    const none = await start({ vendors: [], timeScale: 0.2 });
    expect(none.clientOptions.poll.timeScale).toBe(0.2);
  });

  describe("CORS, so a page in a browser can call it", () => {
    it("answers a preflight for the headers the adapters send, without counting it as a call", async () => {
      const emulator = await start({ vendors: ["apixo"] });
      const preflight = await fetch(`${emulator.url}/api/v1/generateTask/nano-banana`, {
        method: "OPTIONS",
        headers: {
          origin: "http://localhost:5173",
          "access-control-request-method": "POST",
          "access-control-request-headers": "authorization,content-type",
        },
      });
      expect(preflight.status).toBe(204);
      expect(Object.fromEntries(preflight.headers)).toMatchObject({
        "access-control-allow-origin": "*",
        "access-control-allow-methods": expect.stringContaining("POST"),
        "access-control-allow-headers": "authorization, content-type",
      });
      expect(emulator.apixo.requests).toHaveLength(0);
    });

    it("lets the page read every answer: success, vendor error, unknown path, and Retry-After", async () => {
      const emulator = await start({ vendors: ["apixo"] });
      const wire = apixoWire(emulator.apixo);
      const answers = [
        await wire.submit(textToImage("a fox")),
        await wire.submit(textToImage("a fox [emulator: submit=429+retry:3]")),
        await fetch(`${emulator.url}/api/v1/statusTask/nano-banana?taskId=x`),
        await fetch(`${emulator.url}/nowhere`),
      ];
      expect(answers.map((answer) => answer.status)).toEqual([200, 429, 401, 404]);
      for (const answer of answers) {
        expect(answer.headers.get("access-control-allow-origin")).toBe("*");
        expect(answer.headers.get("access-control-expose-headers")).toBe("retry-after");
      }
      expect(answers[1]?.headers.get("retry-after")).toBe("3");
    });
  });

  it("stops listening on close()", async () => {
    const emulator = await startEmulator({ vendors: ["apixo"] });
    await emulator.close();
    await expect(fetch(emulator.url)).rejects.toThrow(TypeError);
  });
});
