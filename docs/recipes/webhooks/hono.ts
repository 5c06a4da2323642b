// Hono 4: the route the vendor POSTs to. Hono's request is already a Fetch Request, so there is no glue; on
// Node serve it with @hono/node-server, on Bun, Deno or Workers export `app.fetch` as usual.
import { AuthenticationError, type ImageClient, ValidationError } from "@org/imagegen-core";
import { Hono } from "hono";

/** A Hono app whose `POST /api/imagegen/webhook` confirms each delivery with `client.handleCallback`. */
export function webhookApp(client: ImageClient): Hono {
  const app = new Hono();
  app.post("/api/imagegen/webhook", async (c) => {
    try {
      // The raw Request, unread: the client bounds and parses the body itself.
      await client.handleCallback(c.req.raw, { signal: c.req.raw.signal });
      return c.text("ok");
    } catch (error) {
      // Forged (wrong or missing secret): refused before any status call.
      if (AuthenticationError.isInstance(error)) return c.text("unauthorized", 401);
      // Unreadable, oversized, or about a task the vendor does not confirm: delivering it again will not help.
      if (ValidationError.isInstance(error)) return c.text("rejected", 400);
      // Not confirmed yet (the status call failed or took too long): a non-2xx makes the vendor deliver again.
      console.error("imagegen webhook not confirmed", error);
      return c.text("not confirmed", 503);
    }
  });
  return app;
}
