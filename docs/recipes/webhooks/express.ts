// Express 5: the route the vendor POSTs to. Express hands us Node's request, the client wants a Fetch Request,
// so the glue is here: the raw body (no JSON parser before it), every header, and the path with its query.
import { AuthenticationError, type ImageClient, ValidationError } from "@org/imagegen-core";
import express from "express";

/** An Express app whose `POST /api/imagegen/webhook` confirms each delivery with `client.handleCallback`. */
export function webhookApp(client: ImageClient): express.Express {
  const app = express();
  // 256 KiB is the client's own bound on a delivery (`callback.maxBodyBytes`); past it Express answers 413.
  const rawBody = express.raw({ type: () => true, limit: "256kb" });
  app.post("/api/imagegen/webhook", rawBody, async (req, res) => {
    const closed = new AbortController();
    res.on("close", () => closed.abort()); // the vendor hung up: stop confirming for it
    const { status, text } = await confirmDelivery(client, toFetchRequest(req), closed.signal);
    res.status(status).type("text/plain").send(text);
  });
  return app;
}

function toFetchRequest(req: express.Request): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value])
      headers.append(name, one);
  }
  // The client reads only the query string (the token, provider and model), so the origin is a fixed one:
  // a Host header is the sender's to choose and must not make the URL unreadable.
  const url = new URL(req.originalUrl, "http://localhost");
  const body = Buffer.isBuffer(req.body) && req.body.length > 0 ? new Uint8Array(req.body) : null;
  return new Request(url, { method: req.method, headers, body });
}

async function confirmDelivery(
  client: ImageClient,
  request: Request,
  signal: AbortSignal,
): Promise<{ status: number; text: string }> {
  try {
    await client.handleCallback(request, { signal });
    return { status: 200, text: "ok" };
  } catch (error) {
    // Forged (wrong or missing secret): refused before any status call.
    if (AuthenticationError.isInstance(error)) return { status: 401, text: "unauthorized" };
    // Unreadable, oversized, or about a task the vendor does not confirm: delivering it again will not help.
    if (ValidationError.isInstance(error)) return { status: 400, text: "rejected" };
    // Not confirmed yet (the status call failed or took too long): a non-2xx makes the vendor deliver again.
    console.error("imagegen webhook not confirmed", error);
    return { status: 503, text: "not confirmed" };
  }
}
