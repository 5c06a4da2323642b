import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Emulator } from "../engine/emulator.js";

/** Where the loopback server answers about itself, beside the emulated APIs. */
export const CONTROL_PATH = "/__emulator";

/** A reference image may be up to 10 MB at APIXO; the store takes that and a little more. */
const MAX_UPLOAD_BYTES = 10 * 1024 * 1024 + 64 * 1024;
/** The store keeps the newest uploads up to this many bytes in all, so a long-running emulator stays bounded. */
const MAX_STORED_BYTES = 256 * 1024 * 1024;
const UPLOAD_KEY = /^[\w-][\w.-]{0,199}$/;

interface Stored {
  readonly bytes: Buffer;
  readonly contentType: string;
}

/**
 * The server's own routes: its counters (`stats`, `tasks`) for tests in other processes, and a small storage
 * for reference images, whose URLs the emulated vendors accept like any public URL.
 */
export function createControl(emulators: () => readonly Emulator[], origin: () => string) {
  const uploads = new Map<string, Stored>();
  let stored = 0;
  const byVendor = <T>(read: (emulator: Emulator) => T) =>
    Object.fromEntries(emulators().map((emulator) => [emulator.vendor, read(emulator)]));

  /** Answers a control request; false for any other path, which the emulated APIs answer. */
  return async function control(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    // Every API call passes here first: a prefix test keeps that cheap for load tests.
    if (!req.url?.startsWith(CONTROL_PATH)) return false;
    const path = new URL(req.url, "http://x").pathname;
    if (path !== CONTROL_PATH && !path.startsWith(`${CONTROL_PATH}/`)) return false;
    const route = path.slice(CONTROL_PATH.length);
    const method = req.method ?? "GET";
    if (route === "/stats" && method === "GET")
      return json(
        res,
        200,
        byVendor((e) => e.stats()),
      );
    if (route === "/tasks" && method === "GET")
      return json(
        res,
        200,
        byVendor((e) => e.tasks()),
      );
    const key = /^\/uploads\/([^/]+)$/.exec(route)?.[1];
    if (key === undefined || !UPLOAD_KEY.test(key) || key.includes("..")) {
      return json(res, 404, { error: `Not found: ${CONTROL_PATH} has /stats, /tasks and /uploads/<key>` });
    }
    if (method === "PUT") {
      const bytes = await readUpload(req);
      if (bytes === undefined)
        return json(res, 413, { error: `An upload is at most ${MAX_UPLOAD_BYTES} bytes` });
      const previous = uploads.get(key);
      if (previous) stored -= previous.bytes.length;
      uploads.delete(key);
      uploads.set(key, { bytes, contentType: req.headers["content-type"] ?? "application/octet-stream" });
      stored += bytes.length;
      for (const [oldest, { bytes: old }] of uploads) {
        if (stored <= MAX_STORED_BYTES) break;
        uploads.delete(oldest);
        stored -= old.length;
      }
      return json(res, 201, { url: `${origin()}${CONTROL_PATH}/uploads/${key}` });
    }
    const upload = uploads.get(key);
    if (method !== "GET" && method !== "HEAD") return json(res, 405, { error: "GET or PUT an upload" });
    if (!upload) return json(res, 404, { error: "No such upload" });
    res.writeHead(200, {
      "content-type": upload.contentType,
      "content-length": upload.bytes.length,
      ...CORS,
    });
    res.end(method === "HEAD" ? undefined : upload.bytes);
    return true;
  };
}

/** The key `emulatorUpload` stores a file under: its content hash, so the same file is stored once. */
export function uploadKey(bytes: Uint8Array, type: string): string {
  const extension = { "image/png": ".png", "image/jpeg": ".jpg", "image/webp": ".webp" }[type] ?? "";
  return `${createHash("sha256").update(bytes).digest("hex").slice(0, 32)}${extension}`;
}

const CORS = { "access-control-allow-origin": "*" };

function json(res: ServerResponse, status: number, body: unknown): true {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    ...CORS,
  });
  res.end(text);
  return true;
}

async function readUpload(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  // An upload too large is still read to its end, so the client gets the 413 rather than a reset connection.
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= MAX_UPLOAD_BYTES) chunks.push(chunk as Buffer);
  }
  return size > MAX_UPLOAD_BYTES ? undefined : Buffer.concat(chunks);
}
