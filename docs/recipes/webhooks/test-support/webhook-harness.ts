// What every recipe test shares: the APIXO emulator on loopback (it delivers callbacks over real HTTP), a
// loopback server for the recipe's framework, and the two checks each recipe must pass.
import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { ImageClient } from "@org/imagegen-core";
import { type RunningEmulator, startEmulator } from "@org/imagegen-testing";
import { expect, vi } from "vitest";

export const SECRET = "recipe-secret-7fQ2mK9xL4pV8tR3";
export const WEBHOOK_PATH = "/api/imagegen/webhook";

export interface Harness {
  emulator: RunningEmulator<"apixo">;
  /** The recipe's server, listening on 127.0.0.1 before the client exists, so its URL can be configured. */
  server: Server;
  origin: string;
  webhookUrl: string;
  /** Routes the server's requests to the framework under test. */
  handle(listener: RequestListener): void;
  close(): Promise<void>;
}

/** Starts the emulator at 1000× the vendor's pace and an empty loopback server on a free port. */
export async function startHarness(): Promise<Harness> {
  const emulator = await startEmulator({ vendors: ["apixo"], timeScale: 0.001 });
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    emulator,
    server,
    origin,
    webhookUrl: `${origin}${WEBHOOK_PATH}`,
    handle: (listener) => server.on("request", listener),
    async close() {
      await emulator.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * Generates one image and checks that the route, not polling, ended it: the client polls on the vendor's own
 * schedule (first status call 15 s after submit), the emulator finishes in about 20 ms, so the one status call
 * made is the route's confirmation.
 */
export async function expectConfirmedThroughRoute(client: ImageClient, harness: Harness): Promise<void> {
  const result = await client.generate({ prompt: "a fox in watercolor" });
  expect(result.status.state).toBe("succeeded");
  expect(result.images).toHaveLength(1);
  const apixo = harness.emulator.apixo;
  // The wait ends as the route confirms, a moment before the route's 200 reaches the emulator.
  await vi.waitFor(() => expect(apixo.deliveries).toHaveLength(1));
  expect(apixo.deliveries.map((delivery) => [new URL(delivery.url).pathname, delivery.status])).toEqual([
    [WEBHOOK_PATH, 200],
  ]);
  expect(apixo.stats().statusCalls).toBe(1);
}

/** A delivery with the wrong secret is refused with 401 before the vendor is asked anything. */
export async function expectForgeryRefused(harness: Harness): Promise<void> {
  const apixo = harness.emulator.apixo;
  const task = apixo.tasks()[0];
  if (!task) throw new Error("no task to forge a delivery for");
  const statusCalls = apixo.stats().statusCalls;
  const forged = new URL(harness.webhookUrl);
  forged.search = new URLSearchParams({
    imagegen_provider: "apixo",
    imagegen_model: "nano-banana",
    imagegen_token: "x".repeat(SECRET.length),
  }).toString();
  const answer = await fetch(forged, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ code: 200, msg: "success", data: { taskId: task.id, state: "success" } }),
  });
  expect(answer.status).toBe(401);
  expect(apixo.stats().statusCalls).toBe(statusCalls);
}
