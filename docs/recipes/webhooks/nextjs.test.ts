import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { NextRequest } from "next/server";
import { afterEach, beforeEach, describe, it, vi } from "vitest";
import {
  expectConfirmedThroughRoute,
  expectForgeryRefused,
  type Harness,
  SECRET,
  startHarness,
} from "./test-support/webhook-harness.js";

// The route module runs as Next runs it in production: its exported POST gets a NextRequest (built with
// Next's own class) and its Response is written back to the socket. `next build` + `next start` are not run
// here: on two shared cores `next build` of this route took over two minutes (compile 33–57 s, type check
// 45–65 s), too heavy for the unit suite. A real `next build` did succeed with it.

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness();
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await harness.close();
});

function nextRequest(req: IncomingMessage): NextRequest {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
  }
  const body = Readable.toWeb(req) as ReadableStream<Uint8Array>;
  // Node's fetch needs `duplex` to stream a request body; lib.dom's RequestInit does not list it yet.
  const init = { method: req.method ?? "GET", headers, body, duplex: "half" } as RequestInit;
  return new NextRequest(new Request(new URL(req.url ?? "/", "http://127.0.0.1"), init));
}

async function send(response: Response, res: ServerResponse): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}

describe("the Next.js App Router recipe: app/api/imagegen/webhook/route.ts", () => {
  it("confirms the vendor's delivery and ends the wait; refuses a forged one", async () => {
    vi.stubEnv("APIXO_API_KEY", harness.emulator.apixo.apiKey);
    vi.stubEnv("APIXO_BASE_URL", harness.emulator.apixo.baseUrl);
    vi.stubEnv("PUBLIC_URL", harness.origin);
    vi.stubEnv("IMAGEGEN_CALLBACK_SECRET", SECRET);
    const { imageClient } = await import("./nextjs/lib/imagegen.js");
    const route = await import("./nextjs/app/api/imagegen/webhook/route.js");
    harness.handle((req, res) => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      if (req.method !== "POST" || url.pathname !== "/api/imagegen/webhook") {
        res.writeHead(404).end();
        return;
      }
      route.POST(nextRequest(req)).then((response) => send(response, res));
    });
    await expectConfirmedThroughRoute(imageClient(), harness);
    await expectForgeryRefused(harness);
  });
});
