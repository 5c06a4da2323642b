import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { apixo } from "@org/imagegen-apixo";
import { createImageClient, type ImageClient, type ImageGenEvent, presignedUpload } from "@org/imagegen-core";
import { type RunningEmulator, startEmulator } from "@org/imagegen-testing";
import { xingchaoyiqing } from "@org/imagegen-xingchaoyiqing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Reference images given as bytes, over real sockets: a storage host that takes presigned PUTs and serves the
// objects back, the vendors' emulator, and the client between them with presignedUpload.
const SIGNATURE = "sig=loopback-5ecret";
const objects = new Map<string, { type: string; bytes: Buffer }>();
const puts: string[] = [];
let storage: Server;
let storageUrl: string;
let emulator: RunningEmulator;
let client: ImageClient;
const events: ImageGenEvent[] = [];
const logged: unknown[] = [];

function startStorage(): Promise<void> {
  storage = createServer((request, response) => {
    const url = new URL(request.url ?? "/", storageUrl);
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      if (request.method === "PUT" && url.search === `?${SIGNATURE}`) {
        puts.push(url.pathname);
        objects.set(url.pathname, {
          type: request.headers["content-type"] ?? "",
          bytes: Buffer.concat(chunks),
        });
        response.writeHead(200).end();
      } else if (request.method === "GET" && objects.has(url.pathname)) {
        const object = objects.get(url.pathname);
        response.writeHead(200, { "content-type": object?.type }).end(object?.bytes);
      } else {
        response.writeHead(403).end(`<Error>denied: ${request.url}</Error>`);
      }
    });
  });
  return new Promise((resolve) =>
    storage.listen(0, "127.0.0.1", () => {
      storageUrl = `http://127.0.0.1:${(storage.address() as AddressInfo).port}`;
      resolve();
    }),
  );
}

beforeAll(async () => {
  await startStorage();
  emulator = await startEmulator({ timeScale: 0.001 });
  const log = (message: string, fields?: unknown) => logged.push([message, fields]);
  client = createImageClient({
    providers: {
      apixo: apixo({ baseUrl: emulator.apixo.baseUrl, apiKey: emulator.apixo.apiKey }),
      xingchaoyiqing: xingchaoyiqing({
        baseUrl: emulator.xingchaoyiqing.baseUrl,
        apiKey: emulator.xingchaoyiqing.apiKey,
      }),
    },
    poll: { timeScale: 0.001 },
    upload: presignedUpload({
      keyPrefix: "refs/",
      // Signs only the test's PNG: any other image gets an unsigned URL, which the storage refuses.
      presign: (key, { size }) => ({
        putUrl: `${storageUrl}/${key}${size === PNG.byteLength ? `?${SIGNATURE}` : ""}`,
        getUrl: `${storageUrl}/${key}`,
      }),
    }),
    onEvent: (event) => events.push(event),
    logger: { debug: log, info: log, warn: log, error: log },
  });
});
afterAll(async () => {
  await emulator.close();
  await new Promise((resolve) => storage.close(resolve));
});

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);

describe("reference images as bytes, over real loopback HTTP", () => {
  for (const model of ["apixo:nano-banana", "xingchaoyiqing:nano-banana"]) {
    it(`${model}: the bytes are stored once under their hash, and the vendor gets their URL`, async () => {
      const result = await client.generate({ model, prompt: "the same fox", referenceImages: [PNG] });
      expect(result.status.state).toBe("succeeded");
      const key = `/refs/${createHash("sha256").update(PNG).digest("hex")}.png`;
      const vendor = model.startsWith("apixo") ? emulator.apixo : emulator.xingchaoyiqing;
      const body = vendor.task(result.handle.taskId)?.request as { input?: { image_urls?: string[] } };
      const urls = body.input?.image_urls ?? (body as { image_urls?: string[] }).image_urls;
      expect(urls).toEqual([`${storageUrl}${key}`]);
      const served = await fetch(urls?.[0] ?? "");
      expect(served.headers.get("content-type")).toBe("image/png");
      expect(new Uint8Array(await served.arrayBuffer())).toEqual(PNG);
      // The second model's run sends the same bytes: the hook remembers the key and does not PUT again.
      expect(puts).toEqual([key]);
    });
  }

  it("a refused PUT submits nothing and leaks no signed URL", async () => {
    const before = emulator.apixo.stats().submits;
    const error = await client
      .generate({
        model: "apixo:nano-banana",
        prompt: "a fox",
        referenceImages: [{ data: new Uint8Array([...PNG, 1]), mediaType: "image/png" }],
      })
      .catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ name: "UploadError", cause: { statusCode: 403 } });
    expect(emulator.apixo.stats().submits).toBe(before);
    const everything = JSON.stringify([String(error), (error as Error).cause?.toString(), events, logged]);
    expect(everything).not.toContain(SIGNATURE);
    expect(everything).not.toContain(`${storageUrl}/refs`);
  });
});
