// Fastify 5: the route the vendor POSTs to, as a plugin. Fastify parses bodies by content type; inside this
// plugin (and only here) every body stays raw bytes, so the client reads exactly what the vendor sent.
import { AuthenticationError, type ImageClient, ValidationError } from "@org/imagegen-core";
import type { FastifyPluginAsync, FastifyRequest } from "fastify";

/** Registers `POST /api/imagegen/webhook`, which confirms each delivery with `client.handleCallback`. */
export const webhookRoutes: FastifyPluginAsync<{ client: ImageClient }> = async (app, { client }) => {
  app.removeAllContentTypeParsers();
  // 256 KiB is the client's own bound on a delivery (`callback.maxBodyBytes`); past it Fastify answers 413.
  app.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: 256 * 1024 }, (_request, body, done) =>
    done(null, body),
  );
  app.post("/api/imagegen/webhook", async (request, reply) => {
    const closed = new AbortController();
    reply.raw.on("close", () => closed.abort()); // the vendor hung up: stop confirming for it
    const { status, text } = await confirmDelivery(client, toFetchRequest(request), closed.signal);
    return reply.code(status).type("text/plain").send(text);
  });
};

function toFetchRequest(request: FastifyRequest): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value])
      headers.append(name, one);
  }
  // The client reads only the query string (the token, provider and model), so the origin is a fixed one:
  // a Host header is the sender's to choose and must not make the URL unreadable.
  const url = new URL(request.url, "http://localhost");
  const body = Buffer.isBuffer(request.body) && request.body.length > 0 ? new Uint8Array(request.body) : null;
  return new Request(url, { method: request.method, headers, body });
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
