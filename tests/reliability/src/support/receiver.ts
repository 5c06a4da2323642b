import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  url: string;
  authorization: string | undefined;
  body: string;
}

/**
 * A loopback HTTP server that records every request and answers with `respond`: a webhook receiver, a
 * foreign host, or a misbehaving vendor, as a test needs.
 */
export async function startReceiver(
  respond: (request: Request) => Promise<Response> | Response = () => new Response("ok"),
) {
  const received: Received[] = [];
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const url = `${origin}${req.url ?? "/"}`;
    received.push({ url, authorization: req.headers.authorization, body });
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers))
      if (typeof value === "string") headers.set(name, value);
    const method = req.method ?? "GET";
    const request = new Request(url, { method, headers, ...(method === "GET" ? {} : { body }) });
    const response = await Promise.resolve()
      .then(() => respond(request))
      .catch((error: unknown) => new Response(String(error), { status: 500 }));
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
