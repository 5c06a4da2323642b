// lib/imagegen.ts in a Next.js app: the one client of this server, shared by the code that submits and the
// webhook route. Everything comes from the environment; the key and the secret are never logged.
import { apixo } from "@org/imagegen-apixo";
import { createImageClient } from "@org/imagegen-core";

function createClient() {
  const secret = process.env.IMAGEGEN_CALLBACK_SECRET;
  const publicUrl = process.env.PUBLIC_URL; // e.g. https://app.example.com, where the vendor reaches this app
  if (!secret || !publicUrl)
    throw new Error("Set IMAGEGEN_CALLBACK_SECRET and PUBLIC_URL to receive webhooks.");
  return createImageClient({
    // apiKey: APIXO_API_KEY from the environment; APIXO_BASE_URL only to point at an emulator in tests
    providers: { apixo: apixo({ baseUrl: process.env.APIXO_BASE_URL }) },
    defaultModel: "apixo:nano-banana",
    callback: { url: new URL("/api/imagegen/webhook", publicUrl).href, secret },
  });
}

let client: ReturnType<typeof createClient> | undefined;

/**
 * The app's image client, in webhook mode, made at its first use: `next build` evaluates route modules to
 * collect their config, where the runtime's environment may not be set yet.
 */
export function imageClient(): ReturnType<typeof createClient> {
  client ??= createClient();
  return client;
}
