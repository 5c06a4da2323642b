// app/api/imagegen/webhook/route.ts (Next.js App Router): the route the vendor POSTs to. A route handler
// receives a Fetch Request (a NextRequest), so it goes to the client as it is.
import { AuthenticationError, ValidationError } from "@org/imagegen-core";
import { imageClient } from "../../../../lib/imagegen";

// Node, not the edge: the route may share a Redis coordinator (@org/imagegen-redis), which needs sockets.
export const runtime = "nodejs";

/** Confirms a delivery with one status call; answers 200 only once the task's end is confirmed. */
export async function POST(request: Request): Promise<Response> {
  try {
    const status = await imageClient().handleCallback(request, { signal: request.signal });
    // `status` is the confirmed end (`state`, `images`): a serverless app stores it here, keyed by
    // `status.taskId`, since a replayed delivery returns the same status again.
    return new Response(`ok ${status.state}`);
  } catch (error) {
    // Forged (wrong or missing secret): refused before any status call.
    if (AuthenticationError.isInstance(error)) return new Response("unauthorized", { status: 401 });
    // Unreadable, oversized, or about a task the vendor does not confirm: delivering it again will not help.
    if (ValidationError.isInstance(error)) return new Response("rejected", { status: 400 });
    // Not confirmed yet (the status call failed or took too long): a non-2xx makes the vendor deliver again.
    console.error("imagegen webhook not confirmed", error);
    return new Response("not confirmed", { status: 503 });
  }
}
