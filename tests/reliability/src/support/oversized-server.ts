import { once } from "node:events";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Vendor } from "./loopback-client.js";

export type HugeCall = "submit" | "status";

const TASK_ID = "task_oversized";

/** The normal answers of each vendor's wire, for the call that is not spoiled. */
const SUBMITTED: Record<Vendor, string> = {
  apixo: JSON.stringify({ code: 200, message: "success", data: { taskId: TASK_ID } }),
  xingchaoyiqing: JSON.stringify({
    id: TASK_ID,
    object: "nanobanana",
    created: 1767225600,
    status: "pending",
  }),
};

/** Where each vendor's calls go under the server's root, as the adapters' base URLs put them. */
export const BASE_PATH: Record<Vendor, string> = { apixo: "/api/v1", xingchaoyiqing: "/kyy" };

/**
 * A raw `node:http` vendor whose answer to one call is `bytes` long: an answer that starts like the vendor's
 * JSON and never ends, streamed from one reused 64 KiB chunk with backpressure, so the server allocates nothing
 * however large it is, and stops as soon as the client hangs up. The other call is answered normally.
 */
export async function startOversizedVendor(vendor: Vendor, huge: HugeCall, bytes: number) {
  const counts = { submits: 0, statusCalls: 0, bytesSent: 0 };
  const server = createServer((req, res) => {
    req.resume();
    const isSubmit = req.method === "POST";
    if (isSubmit) counts.submits++;
    else counts.statusCalls++;
    if ((huge === "submit") !== isSubmit) {
      res.writeHead(200, { "content-type": "application/json" }).end(SUBMITTED[vendor]);
      return;
    }
    streamHuge(res, bytes, counts).catch(() => res.destroy());
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    baseUrl: `${origin}${BASE_PATH[vendor]}`,
    counts,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function streamHuge(res: ServerResponse, bytes: number, counts: { bytesSent: number }) {
  const chunk = Buffer.alloc(64 * 1024, "x");
  const head = Buffer.from('{"code":200,"message":"success","data":{"taskId":"task_oversized","pad":"');
  res.writeHead(200, { "content-type": "application/json" });
  res.write(head);
  let sent = head.length;
  const closed = once(res, "close");
  while (sent < bytes && !res.destroyed) {
    const piece = bytes - sent >= chunk.length ? chunk : chunk.subarray(0, bytes - sent);
    sent += piece.length;
    counts.bytesSent = sent;
    if (!res.write(piece)) await Promise.race([once(res, "drain"), closed]);
  }
  res.end();
}
