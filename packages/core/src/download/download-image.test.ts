import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { downloadImage, ProviderError, ValidationError } from "../index.js";
import { PNG_BYTES } from "../test-support/acme-server.js";
import { recordRequests, useMswServer } from "../test-support/harness.js";

const server = useMswServer();
const URL_ = "https://cdn.example.test/result.png";
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
const WEBP = new Uint8Array([0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50]);

function serve(body: BodyInit | null, init: ResponseInit = {}) {
  server.use(http.get(URL_, () => new HttpResponse(body, init)));
}

describe("downloadImage", () => {
  it("returns the bytes and their media type, sending no credentials", async () => {
    serve(PNG_BYTES, { headers: { "content-type": "image/png" } });
    const requests = recordRequests(server);
    const image = await downloadImage({ url: URL_ });
    expect(image).toEqual({ bytes: PNG_BYTES, mediaType: "image/png" });
    expect(requests[0]?.headers.get("authorization")).toBeNull();
    expect(requests[0]?.headers.get("cookie")).toBeNull();
  });

  it("trusts the bytes over a wrong content type", async () => {
    serve(JPEG, { headers: { "content-type": "application/octet-stream" } });
    expect((await downloadImage(URL_)).mediaType).toBe("image/jpeg");
    serve(WEBP, { headers: { "content-type": "text/plain" } });
    expect((await downloadImage(URL_)).mediaType).toBe("image/webp");
  });

  it("falls back to the declared type for unknown bytes", async () => {
    serve(new Uint8Array([1, 2, 3]), { headers: { "content-type": "image/avif; charset=binary" } });
    expect((await downloadImage(URL_)).mediaType).toBe("image/avif");
  });

  it("follows redirects (CDNs use them)", async () => {
    server.use(
      http.get(URL_, () => HttpResponse.redirect("https://cdn2.example.test/x.png", 302)),
      http.get("https://cdn2.example.test/x.png", () => new HttpResponse(PNG_BYTES)),
    );
    expect((await downloadImage(URL_)).bytes).toEqual(PNG_BYTES);
  });

  it("refuses a body over maxBytes by its declared length", async () => {
    serve(new Uint8Array(2_000), { headers: { "content-length": "2000" } });
    await expect(downloadImage(URL_, { maxBytes: 1_000 })).rejects.toMatchObject({ reason: "too_large" });
  });

  it("refuses a body over maxBytes while streaming, when no length is declared", async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new Uint8Array(500));
        controller.close();
      },
    });
    serve(stream);
    const error = await downloadImage(URL_, { maxBytes: 1_000 }).catch((e: unknown) => e);
    expect(ProviderError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ reason: "too_large", retryable: false });
    expect((error as Error).message).toContain("raise maxBytes");
  });

  it("says what to do when the URL has expired", async () => {
    serve("gone", { status: 404 });
    const error = await downloadImage(URL_).catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: "ProviderError",
      reason: "download",
      statusCode: 404,
      retryable: false,
    });
    expect((error as Error).message).toContain("Result URLs expire");
  });

  it("marks server errors as retryable", async () => {
    serve("busy", { status: 503 });
    await expect(downloadImage(URL_, { retry: { maxAttempts: 1 } })).rejects.toMatchObject({
      statusCode: 503,
      retryable: true,
    });
  });
});

describe("downloadImage retries what may pass (a download is safe to repeat)", () => {
  const fast = { baseDelayMs: 1, maxDelayMs: 1 };

  function answers(...responses: (() => Response)[]) {
    let calls = 0;
    server.use(http.get(URL_, () => (responses[calls++] ?? (() => new HttpResponse(PNG_BYTES)))()));
    return () => calls;
  }

  it("a 503, then a 502, then the image", async () => {
    const calls = answers(
      () => new HttpResponse("busy", { status: 503 }),
      () => new HttpResponse("<html>", { status: 502 }),
    );
    expect((await downloadImage(URL_, { retry: fast })).mediaType).toBe("image/png");
    expect(calls()).toBe(3);
  });

  it("a dropped connection", async () => {
    const calls = answers(() => HttpResponse.error());
    expect((await downloadImage(URL_, { retry: fast })).mediaType).toBe("image/png");
    expect(calls()).toBe(2);
  });

  it("a 429 waits for Retry-After, and says so when attempts run out", async () => {
    answers(
      ...Array.from(
        { length: 4 },
        () => () => new HttpResponse(null, { status: 429, headers: { "retry-after": "0" } }),
      ),
    );
    await expect(downloadImage(URL_, { retry: fast })).rejects.toMatchObject({
      name: "RateLimitError",
      retryAfterMs: 0,
    });
  });

  it("a host that does not answer in time is a retryable timeout", async () => {
    server.use(http.get(URL_, () => new Promise<Response>(() => {})));
    const error = await downloadImage(URL_, { timeoutMs: 20, retry: { ...fast, maxAttempts: 2 } }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: "ProviderError", reason: "timeout", retryable: true });
  });

  it("a 404 is not tried again", async () => {
    const calls = answers(() => new HttpResponse("gone", { status: 404 }));
    await expect(downloadImage(URL_, { retry: fast })).rejects.toMatchObject({ statusCode: 404 });
    expect(calls()).toBe(1);
  });

  it("only fetches http(s) URLs", async () => {
    await expect(downloadImage("file:///etc/passwd")).rejects.toBeInstanceOf(ValidationError);
  });

  it("refuses time and retry values it cannot use, fetching nothing", async () => {
    const requests = recordRequests(server);
    for (const options of [{ timeoutMs: Number.NaN }, { timeoutMs: 0 }, { retry: { baseDelayMs: 0 } }]) {
      const error = await downloadImage(URL_, options).catch((thrown: unknown) => thrown);
      expect(ValidationError.isInstance(error)).toBe(true);
      expect((error as Error).message).toMatch(/^Invalid download options: .+ Nothing was sent\.$/);
    }
    expect(requests).toHaveLength(0);
  });

  it("stops when aborted", async () => {
    serve(PNG_BYTES);
    await expect(downloadImage(URL_, { signal: AbortSignal.abort(new Error("stop")) })).rejects.toThrow(
      "stop",
    );
  });

  it("uses a custom fetch when given", async () => {
    const fetch = async () => new Response(JPEG);
    expect((await downloadImage("https://anywhere.test/x", { fetch })).mediaType).toBe("image/jpeg");
  });

  it("reads an empty body as no bytes", async () => {
    serve(null, { status: 200 });
    expect((await downloadImage(URL_)).bytes).toEqual(new Uint8Array(0));
  });
});
