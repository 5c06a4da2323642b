import { apixo } from "@org/imagegen-apixo";
import { createImageClient } from "@org/imagegen-core";
import Fastify, { type FastifyInstance } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { webhookRoutes } from "./fastify.js";
import {
  expectConfirmedThroughRoute,
  expectForgeryRefused,
  type Harness,
  SECRET,
  startHarness,
} from "./test-support/webhook-harness.js";

let harness: Harness;
let app: FastifyInstance | undefined;
beforeEach(async () => {
  harness = await startHarness();
});
afterEach(async () => {
  await app?.close();
  await harness.close();
});

describe("the Fastify recipe, on a real Fastify app on loopback", () => {
  it("confirms the vendor's delivery and ends the wait; refuses a forged one", async () => {
    const client = createImageClient({
      providers: { apixo: apixo(harness.emulator.apixo.providerSettings) },
      defaultModel: "apixo:nano-banana",
      callback: { url: harness.webhookUrl, secret: SECRET },
    });
    // Fastify on the harness's server, which was listening before the client (and its callback URL) existed.
    app = Fastify({
      serverFactory: (handler) => {
        harness.handle(handler);
        return harness.server;
      },
    });
    await app.register(webhookRoutes, { client });
    // A JSON route beside the plugin: the plugin's raw-body parser must not leak out of its scope.
    app.post("/echo", async (request) => request.body);
    await app.ready();
    await expectConfirmedThroughRoute(client, harness);
    await expectForgeryRefused(harness);
    const echoed = await fetch(`${harness.origin}/echo`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"a":1}',
    });
    await expect(echoed.json()).resolves.toEqual({ a: 1 });
  });
});
