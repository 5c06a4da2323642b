import { delay, HttpResponse } from "msw";

/** The calls a fault can be injected into. */
export type EmulatedCall = "submit" | "status" | "file";

/**
 * Something going wrong on the wire. `after: true` lets the call take effect first (a submit creates its task)
 * and then spoils the answer: the ambiguous case where the client cannot know whether it was charged.
 */
export type Fault =
  | { kind: "http"; status: number; retryAfter?: string; message?: string; after?: boolean }
  | { kind: "in-body"; code: number; message?: string; after?: boolean }
  | { kind: "html"; status: number; after?: boolean }
  | { kind: "malformed"; after?: boolean }
  | { kind: "reset"; after?: boolean }
  | { kind: "slow"; delayMs: number; after?: boolean }
  | { kind: "huge"; bytes?: number; after?: boolean }
  | { kind: "redirect"; after?: boolean };

/** How a vendor words an error: the body it sends for an HTTP status, and for an error code inside HTTP 200. */
export interface ErrorWording {
  httpError(status: number, options?: { message?: string | undefined; headers?: HeadersInit }): Response;
  inBodyError(code: number, message?: string): Response;
}

const HUGE_DEFAULT_BYTES = 64 * 1024 * 1024;

/** Runs `handle` under `fault`: before it, after it, or instead of it. */
export async function withFault(
  fault: Fault | undefined,
  wording: ErrorWording,
  request: Request,
  handle: () => Promise<Response>,
): Promise<Response> {
  if (fault === undefined || (fault.kind === "redirect" && isRedirected(request))) return handle();
  if (fault.kind === "slow") {
    if (!fault.after) await delay(fault.delayMs);
    const response = await handle();
    if (fault.after) await delay(fault.delayMs);
    return response;
  }
  if (!fault.after) return faultResponse(fault, wording, request, undefined);
  const real = await handle();
  return faultResponse(fault, wording, request, real);
}

async function faultResponse(
  fault: Exclude<Fault, { kind: "slow" }>,
  wording: ErrorWording,
  request: Request,
  real: Response | undefined,
): Promise<Response> {
  switch (fault.kind) {
    case "http":
      return wording.httpError(fault.status, {
        message: fault.message,
        headers: fault.retryAfter ? { "Retry-After": fault.retryAfter } : {},
      });
    case "in-body":
      return wording.inBodyError(fault.code, fault.message);
    case "html":
      return htmlErrorPage(fault.status);
    case "malformed":
      return malformedJson(real);
    case "reset":
      return HttpResponse.error();
    case "huge":
      return hugeBody(fault.bytes ?? HUGE_DEFAULT_BYTES);
    case "redirect":
      return redirectToSelf(request);
  }
}

const REDIRECTED = "emulator-redirected";

/** A 302 to the same URL, marked so that the second request is answered normally. */
function redirectToSelf(request: Request): Response {
  const target = new URL(request.url);
  target.searchParams.set(REDIRECTED, "1");
  return new HttpResponse(null, { status: 302, headers: { Location: target.href } });
}

function isRedirected(request: Request): boolean {
  return new URL(request.url).searchParams.has(REDIRECTED);
}

/** What a proxy in front of the vendor sends when the vendor is down. */
function htmlErrorPage(status: number): Response {
  const title = `${status} ${STATUS_TEXT[status] ?? "Error"}`;
  return new HttpResponse(
    `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body><center><h1>${title}</h1></center><hr><center>nginx</center></body></html>\n`,
    { status, headers: { "Content-Type": "text/html; charset=utf-8" } },
  );
}

/** The real answer cut in half (or a fixed broken envelope before the call ran), still labelled as JSON. */
async function malformedJson(real: Response | undefined): Promise<Response> {
  const text = real ? await real.text() : '{"code":200,"message":"success","data":{"taskId":';
  const cut = real ? text.slice(0, Math.max(1, Math.floor(text.length / 2))) : text;
  return new HttpResponse(cut, {
    status: real?.status ?? 200,
    headers: { "Content-Type": "application/json" },
  });
}

/** A body far larger than any image, streamed without a Content-Length, as a misbehaving CDN might. */
function hugeBody(bytes: number): Response {
  const chunk = new Uint8Array(64 * 1024).fill(0x41);
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= bytes) {
        controller.close();
        return;
      }
      const size = Math.min(chunk.length, bytes - sent);
      controller.enqueue(size === chunk.length ? chunk : chunk.subarray(0, size));
      sent += size;
    },
  });
  return new HttpResponse(stream, { status: 200, headers: { "Content-Type": "image/png" } });
}

export const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: "Bad Request",
  401: "Unauthorized",
  402: "Payment Required",
  403: "Forbidden",
  404: "Not Found",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};
