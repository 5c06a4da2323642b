import { getRequestListener } from "@hono/node-server";
import { apixo } from "@org/imagegen-apixo";
import { createImageClient } from "@org/imagegen-core";
import { afterEach, beforeEach, describe, it } from "vitest";
import { webhookApp } from "./hono.js";
import {
  expectConfirmedThroughRoute,
  expectForgeryRefused,
  type Harness,
  SECRET,
  startHarness,
} from "./test-support/webhook-harness.js";

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness();
});
afterEach(() => harness.close());

describe("the Hono recipe, served by @hono/node-server on loopback", () => {
  it("confirms the vendor's delivery and ends the wait; refuses a forged one", async () => {
    const client = createImageClient({
      providers: { apixo: apixo(harness.emulator.apixo.providerSettings) },
      defaultModel: "apixo:nano-banana",
      callback: { url: harness.webhookUrl, secret: SECRET },
    });
    // What `serve({ fetch: app.fetch })` runs, on a server that was listening before the client existed.
    harness.handle(getRequestListener(webhookApp(client).fetch));
    await expectConfirmedThroughRoute(client, harness);
    await expectForgeryRefused(harness);
  });
});
