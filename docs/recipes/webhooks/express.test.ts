import { apixo } from "@org/imagegen-apixo";
import { createImageClient } from "@org/imagegen-core";
import { afterEach, beforeEach, describe, it } from "vitest";
import { webhookApp } from "./express.js";
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

describe("the Express recipe, on a real Express app on loopback", () => {
  it("confirms the vendor's delivery and ends the wait; refuses a forged one", async () => {
    const client = createImageClient({
      providers: { apixo: apixo(harness.emulator.apixo.providerSettings) },
      defaultModel: "apixo:nano-banana",
      callback: { url: harness.webhookUrl, secret: SECRET },
    });
    harness.handle(webhookApp(client));
    await expectConfirmedThroughRoute(client, harness);
    await expectForgeryRefused(harness);
  });
});
