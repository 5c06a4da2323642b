import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { TaskStatus } from "@org/imagegen-core";
import type { Hono } from "hono";
import { type DemoSetup, type Env, openDemo } from "../shared/demo-setup.js";
import { createDemoApp } from "./demo-app.js";
import { Gallery } from "./gallery.js";

export interface DemoServerOptions {
  /** Default 3000; 0 picks a free port. */
  port?: number;
  /** Default `127.0.0.1`: the demo is for this machine. */
  host?: string;
  /** Where the gallery's images are saved. Default `out/web`. */
  outDir?: string;
  /** Give vendors this server's `/callback` URL instead of polling (where the vendor has callbacks). */
  callback?: boolean;
  env?: Env;
  /** Told about every genuine callback delivery, e.g. to log it. */
  onCallback?: (status: TaskStatus) => void;
}

export interface DemoServer {
  url: string;
  /** What the default model runs against, when it is the emulator. */
  notice: string | undefined;
  setup: DemoSetup;
  close(): Promise<void>;
}

/** Starts the web demo; it listens before the client is made, since callback mode needs the server's URL. */
export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const { port = 3000, host = "127.0.0.1", outDir = "out/web", callback = false, env, onCallback } = options;
  let app: Hono | undefined;
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const started = serve(
      {
        fetch: (request) => app?.fetch(request) ?? new Response("Starting…", { status: 503 }),
        port,
        hostname: host,
      },
      () => resolve(started),
    );
    started.once("error", reject);
  });
  const { port: bound } = server.address() as AddressInfo;
  const url = `http://${host}:${bound}`;
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  let setup: DemoSetup;
  try {
    setup = await openDemo({
      env,
      callback: callback
        ? { url: `${url}/callback`, secret: randomBytes(24).toString("base64url") }
        : undefined,
    });
  } catch (error) {
    await close();
    throw error;
  }
  app = createDemoApp(setup, new Gallery(outDir), callback, onCallback);
  return {
    url,
    notice: setup.noticeFor(),
    setup,
    async close() {
      if ("closeAllConnections" in server) server.closeAllConnections();
      await Promise.all([close(), setup.close()]);
    },
  };
}
