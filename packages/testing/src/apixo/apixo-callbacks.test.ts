import { delay, HttpResponse, http } from "msw";
import { describe, expect, it, vi } from "vitest";
import { apixoWire, textToImage } from "../test-support/apixo-wire-client.js";
import { json, mount, useMswServer } from "../test-support/msw.js";
import { createApixoEmulator } from "./apixo-emulator.js";

const server = useMswServer();
const RECEIVER = "https://app.example.test/webhooks/apixo?imagegen_token=s3cret";

/** A webhook receiver on the msw server that answers with the given statuses in turn (then 200). */
function receiver(statuses: number[] = []) {
  const deliveries: { at: number; body: unknown; contentType: string | null }[] = [];
  server.use(
    http.post("https://app.example.test/webhooks/apixo", async ({ request }) => {
      deliveries.push({
        at: Date.now(),
        body: await request.json(),
        contentType: request.headers.get("content-type"),
      });
      return new HttpResponse(null, { status: statuses.shift() ?? 200 });
    }),
  );
  return deliveries;
}

function callbackBody(prompt: string) {
  return textToImage(prompt, {}, { request_type: "callback", callback_url: RECEIVER });
}

describe("Webhook callback mode", () => {
  it("POSTs the status envelope to callback_url when the task ends", async () => {
    const emulator = mount(server, createApixoEmulator({ durationMs: 15_000 }));
    const deliveries = receiver();
    const wire = apixoWire(emulator);
    const start = Date.now();
    const taskId = (await json(await wire.submit(callbackBody("a fox")))).data.taskId;
    await vi.advanceTimersByTimeAsync(14_999);
    expect(deliveries).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    await vi.waitFor(() => expect(deliveries).toHaveLength(1));
    const status = await json(await wire.status(taskId));
    expect(deliveries[0]).toEqual({ at: start + 15_000, body: status, contentType: "application/json" });
    expect(status.data).toMatchObject({ taskId, state: "success", resultJson: expect.any(String) });
    expect(emulator.deliveries).toEqual([
      { taskId, url: RECEIVER, attempt: 1, at: expect.any(Number), status: 200, error: undefined },
    ]);
  });

  it("delivers failures too, with failCode and failMsg", async () => {
    const emulator = mount(server, createApixoEmulator({ durationMs: 1_000 }));
    const deliveries = receiver();
    await apixoWire(emulator).submit(callbackBody("a fox [emulator: fail=CONTENT_VIOLATION]"));
    await vi.advanceTimersByTimeAsync(1_000);
    await vi.waitFor(() => expect(deliveries).toHaveLength(1));
    expect(deliveries[0]?.body).toMatchObject({ data: { state: "failed", failCode: "CONTENT_VIOLATION" } });
  });

  it("redelivers up to 3 times with growing delays (the first after about 30 s) while the receiver fails", async () => {
    const emulator = mount(server, createApixoEmulator({ durationMs: 1_000 }));
    const deliveries = receiver([500, 503, 404, 500, 500]);
    await apixoWire(emulator).submit(callbackBody("a fox"));
    const start = Date.now();
    await vi.advanceTimersByTimeAsync(1_000 + 30_000 + 60_000 + 120_000 + 600_000);
    expect(deliveries.map((d) => d.at - start)).toEqual([1_000, 31_000, 91_000, 211_000]);
    expect(emulator.deliveries.map((d) => [d.attempt, d.status])).toEqual([
      [1, 500],
      [2, 503],
      [3, 404],
      [4, 500],
    ]);
    expect(emulator.stats()).toMatchObject({ callbackAttempts: 4, callbacksDelivered: 0 });
  });

  it("stops redelivering once the receiver answers 200", async () => {
    const emulator = mount(server, createApixoEmulator({ durationMs: 1_000 }));
    const deliveries = receiver([502]);
    await apixoWire(emulator).submit(callbackBody("a fox"));
    await vi.advanceTimersByTimeAsync(600_000);
    expect(deliveries).toHaveLength(2);
    expect(emulator.stats()).toMatchObject({ callbackAttempts: 2, callbacksDelivered: 1 });
  });

  it("counts an unreachable receiver as a failed attempt and redelivers", async () => {
    const emulator = mount(server, createApixoEmulator({ durationMs: 1_000 }));
    server.use(http.post("https://app.example.test/webhooks/apixo", () => HttpResponse.error()));
    await apixoWire(emulator).submit(callbackBody("a fox"));
    await vi.advanceTimersByTimeAsync(1_000 + 30_000);
    await vi.waitFor(() => expect(emulator.deliveries).toHaveLength(2));
    expect(emulator.deliveries[0]).toMatchObject({ status: undefined, error: expect.any(String) });
  });

  it("counts a receiver that does not answer within 30 s as a failed attempt, and redelivers", async () => {
    const emulator = mount(server, createApixoEmulator({ durationMs: 1_000 }));
    let calls = 0;
    server.use(
      http.post("https://app.example.test/webhooks/apixo", async () => {
        calls++;
        if (calls === 1) await delay("infinite");
        return new HttpResponse(null, { status: 200 });
      }),
    );
    await apixoWire(emulator).submit(callbackBody("a fox"));
    const start = Date.now();
    await vi.advanceTimersByTimeAsync(1_000 + 29_999);
    expect(emulator.deliveries).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    await vi.waitFor(() => expect(emulator.deliveries).toHaveLength(1));
    expect(emulator.deliveries[0]).toMatchObject({
      attempt: 1,
      at: start + 31_000,
      status: undefined,
      error: "no answer within 30000 ms",
    });
    await vi.advanceTimersByTimeAsync(30_000);
    await vi.waitFor(() => expect(emulator.deliveries).toHaveLength(2));
    expect(emulator.deliveries[1]).toMatchObject({ attempt: 2, at: start + 61_000, status: 200 });
    expect(emulator.stats()).toMatchObject({ callbackAttempts: 2, callbacksDelivered: 1 });
  });

  it("takes only a 200 as delivered: a 204 is redelivered", async () => {
    const emulator = mount(server, createApixoEmulator({ durationMs: 1_000 }));
    const deliveries = receiver([204]);
    await apixoWire(emulator).submit(callbackBody("a fox"));
    await vi.advanceTimersByTimeAsync(1_000 + 30_000);
    expect(deliveries).toHaveLength(2);
    expect(emulator.deliveries.map((d) => d.status)).toEqual([204, 200]);
  });

  it("stops redelivering when closed between attempts", async () => {
    const emulator = mount(server, createApixoEmulator({ durationMs: 1_000 }));
    const deliveries = receiver([500, 500]);
    await apixoWire(emulator).submit(callbackBody("a fox"));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(deliveries).toHaveLength(1);
    emulator.close();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(deliveries).toHaveLength(1);
  });

  it("delivers through the fetch it is given", async () => {
    const sent: string[] = [];
    const emulator = mount(
      server,
      createApixoEmulator({
        durationMs: 1_000,
        fetch: async (input) => {
          sent.push(input instanceof Request ? input.url : String(input));
          return new Response(null, { status: 200 });
        },
      }),
    );
    await apixoWire(emulator).submit(callbackBody("a fox"));
    await vi.advanceTimersByTimeAsync(1_000);
    await vi.waitFor(() => expect(emulator.stats().callbacksDelivered).toBe(1));
    expect(sent).toEqual([RECEIVER]);
  });

  it("scales the redelivery delays with timeScale", async () => {
    const emulator = mount(server, createApixoEmulator({ durationMs: 1_000, timeScale: 0.01 }));
    const deliveries = receiver([500]);
    await apixoWire(emulator).submit(callbackBody("a fox"));
    const start = Date.now();
    await vi.advanceTimersByTimeAsync(10 + 300);
    expect(deliveries.map((d) => d.at - start)).toEqual([10, 310]);
  });

  it("sends nothing for async tasks, nor for tasks that never end, nor after close()", async () => {
    const emulator = mount(server, createApixoEmulator({ durationMs: 1_000 }));
    const deliveries = receiver();
    const wire = apixoWire(emulator);
    await wire.submit(textToImage("async"));
    await wire.submit(callbackBody("stuck [emulator: never]"));
    await wire.submit(callbackBody("closed"));
    emulator.close();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(deliveries).toHaveLength(0);
  });
});
