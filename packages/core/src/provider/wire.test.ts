import { describe, expect, it } from "vitest";
import { z } from "zod";
import { InsufficientBalanceError, ProviderError } from "../errors/errors.js";
import type { HttpFailure } from "./http-errors.js";
import { excerpt, parseWire, readResponse, vendorMessage } from "./wire.js";

describe("the vendor's message in an error body", () => {
  it("is found under the usual names", () => {
    expect(vendorMessage({ message: "a" })).toBe("a");
    expect(vendorMessage({ error: "b" })).toBe("b");
    expect(vendorMessage({ error: { message: "c" } })).toBe("c");
    expect(vendorMessage({ msg: "d" })).toBe("d");
  });
  it("is undefined where there is none", () => {
    expect(vendorMessage(undefined)).toBeUndefined();
    expect(vendorMessage("text")).toBeUndefined();
    expect(vendorMessage({ message: "", error: 42 })).toBeUndefined();
  });
});

describe("reading a response", () => {
  const ctx = { provider: "acme", taskId: "t1" };
  it("returns the JSON of a success", async () => {
    expect(await readResponse(Response.json({ ok: 1 }), ctx)).toEqual({ ok: 1 });
  });
  it("maps an error status before looking at the body, even an HTML one", async () => {
    const html = new Response("<html>Bad Gateway</html>", { status: 502 });
    await expect(readResponse(html, ctx)).rejects.toMatchObject({
      name: "ProviderError",
      reason: "server",
      statusCode: 502,
      taskId: "t1",
      responseBody: "<html>Bad Gateway</html>",
    });
  });
  it("keeps the vendor's message and Retry-After", async () => {
    const limited = Response.json(
      { error: { message: "too many" } },
      { status: 429, headers: { "retry-after": "3" } },
    );
    await expect(readResponse(limited, ctx)).rejects.toMatchObject({
      retryAfterMs: 3_000,
      message: expect.stringContaining("too many"),
    });
  });
  it("lets the adapter map an error status its own way", async () => {
    const refused = Response.json({ message: "Insufficient credits" }, { status: 400 });
    const errorFor = (failure: HttpFailure) =>
      new InsufficientBalanceError(`${failure.status}: ${failure.message}`, { provider: failure.provider });
    await expect(readResponse(refused, { ...ctx, errorFor })).rejects.toMatchObject({
      name: "InsufficientBalanceError",
      message: "400: Insufficient credits",
    });
  });
  it("calls a success that is not JSON malformed and retryable", async () => {
    await expect(readResponse(new Response("<html/>"), ctx)).rejects.toMatchObject({
      reason: "malformed",
      retryable: true,
    });
  });
  it("shortens long bodies kept on errors", () => {
    expect(excerpt("x".repeat(5_000))).toHaveLength(2_001);
    expect(excerpt("short")).toBe("short");
  });
});

/** A body of `total` bytes made on demand, counting how many were pulled from it. */
function countedBody(total: number) {
  const chunk = new TextEncoder().encode(`{"pad":"${"x".repeat(16 * 1024 - 10)}`);
  const pulled = { bytes: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.bytes >= total) return controller.close();
      controller.enqueue(chunk);
      pulled.bytes += chunk.byteLength;
    },
    cancel() {
      pulled.cancelled = true;
    },
  });
  return { stream, pulled };
}

describe("reading a response: every body is bounded", () => {
  const ctx = { provider: "acme", taskId: "t1", maxBytes: 64 * 1024 };

  it("stops at the limit and cancels the rest: a final ProviderError (too_large), never a network error", async () => {
    const { stream, pulled } = countedBody(50 * 1024 * 1024);
    const error = await readResponse(new Response(stream), ctx).catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: "ProviderError",
      reason: "too_large",
      retryable: false,
      statusCode: 200,
    });
    expect((error as Error).message).toContain("over 65536 bytes");
    expect((error as ProviderError).responseBody).toMatch(/^\{"pad":"x+…$/);
    expect(pulled.cancelled).toBe(true);
    expect(pulled.bytes).toBeLessThan(256 * 1024);
  });

  it("does not read a body whose declared length is over the limit", async () => {
    const { stream, pulled } = countedBody(1024 * 1024);
    const declared = new Response(stream, { headers: { "content-length": String(1024 * 1024) } });
    await expect(readResponse(declared, ctx)).rejects.toMatchObject({ reason: "too_large" });
    expect(pulled.bytes).toBeLessThanOrEqual(16 * 1024);
  });

  it("counts a compressed answer as it decodes, whatever length it declares", async () => {
    const { stream, pulled } = countedBody(50 * 1024 * 1024);
    const gzipped = new Response(stream, {
      headers: { "content-length": "100", "content-encoding": "gzip" },
    });
    await expect(readResponse(gzipped, ctx)).rejects.toMatchObject({ reason: "too_large" });
    expect(pulled.bytes).toBeLessThan(256 * 1024);
  });

  it("still reads an error status by its status when its body is too large", async () => {
    const { stream } = countedBody(1024 * 1024);
    const limited = new Response(stream, { status: 429, headers: { "retry-after": "2" } });
    await expect(readResponse(limited, ctx)).rejects.toMatchObject({
      name: "RateLimitError",
      retryAfterMs: 2_000,
      responseBody: expect.stringMatching(/^\{"pad":"x+…$/),
    });
  });

  it("reads a body of exactly the limit", async () => {
    const body = JSON.stringify({ pad: "x".repeat(100) });
    const exact = { ...ctx, maxBytes: body.length };
    expect(await readResponse(new Response(body), exact)).toEqual({ pad: "x".repeat(100) });
    await expect(
      readResponse(new Response(body), { ...exact, maxBytes: body.length - 1 }),
    ).rejects.toMatchObject({
      reason: "too_large",
    });
  });

  it("limits to 1 MiB by default", async () => {
    const { stream, pulled } = countedBody(2 * 1024 * 1024);
    await expect(readResponse(new Response(stream), { provider: "acme" })).rejects.toMatchObject({
      message: expect.stringContaining("over 1048576 bytes"),
    });
    expect(pulled.bytes).toBeLessThan(1024 * 1024 + 64 * 1024);
  });
});

describe("checking a wire shape", () => {
  const schema = z.object({ id: z.string() });
  it("returns the parsed value", () => {
    expect(parseWire(schema, { id: "a", extra: 1 }, { provider: "acme", what: "task" })).toEqual({ id: "a" });
  });
  it("names what was wrong in a retryable ProviderError", () => {
    const error = (() => {
      try {
        parseWire(schema, { id: 1 }, { provider: "acme", what: "task", taskId: "t1" });
      } catch (e) {
        return e;
      }
    })();
    expect(ProviderError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      reason: "malformed",
      retryable: true,
      taskId: "t1",
      responseBody: '{"id":1}',
    });
    expect((error as Error).message).toMatch(/^acme sent an unexpected task \(id: /);
  });
  it("copes with values JSON cannot express", () => {
    expect(() => parseWire(schema, undefined, { provider: "acme", what: "task" })).toThrow(/body:/);
  });
});
