import { type ImageClient, ImageGenError } from "@org/imagegen-core";
import { fails, succeeds, useMswServer } from "@org/imagegen-test-kit";
import { HttpResponse, http } from "msw";
import { describe, expect, it, vi } from "vitest";
import { emulatedApixo } from "./test-support/emulated-apixo.js";

const server = useMswServer();
const HOOK = "https://app.example/hooks/imagegen";
const SECRET = "3b9f1c2e7a6d4f08b5e1c9a7d2f4e6b8";

/** The app's webhook route: hands the delivery to the client, answers 200, or the error's status. */
function mountHook(client: () => ImageClient, answer: () => number = () => 200) {
  const received: unknown[] = [];
  server.use(
    http.post(HOOK, async ({ request }) => {
      try {
        received.push(await client().handleCallback(request));
        return new HttpResponse(null, { status: answer() });
      } catch (error) {
        received.push(error);
        return new HttpResponse(null, { status: ImageGenError.isInstance(error) ? 401 : 500 });
      }
    }),
  );
  return received;
}

function callbackSetup(durationMs: number, answer?: () => number) {
  let client: ImageClient | undefined;
  const received = mountHook(() => client as ImageClient, answer);
  const setup = emulatedApixo(server, {
    emulator: { durationMs },
    client: { callback: { url: HOOK, secret: SECRET } },
  });
  client = setup.client;
  return { ...setup, received };
}

describe("callback mode", () => {
  it('submits request_type "callback" with a URL that carries our secret, model and provider', async () => {
    const { client, submitted } = callbackSetup(14_500);
    await succeeds(client.generate({ prompt: "a fox" }));
    const body = submitted() as { request_type: string; callback_url: string };
    expect(body.request_type).toBe("callback");
    const url = new URL(body.callback_url);
    expect(`${url.origin}${url.pathname}`).toBe(HOOK);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      imagegen_provider: "apixo",
      imagegen_model: "nano-banana",
      imagegen_token: SECRET,
    });
  });

  it("a failed task's delivery ends the wait with the task's error", async () => {
    const { client } = callbackSetup(14_500);
    const error = await fails(client.generate({ prompt: "a fox [emulator: fail=CONTENT_VIOLATION]" }));
    expect(error).toMatchObject({ name: "ContentPolicyError" });
  });

  it("duplicate deliveries are idempotent: each is confirmed, nothing changes", async () => {
    // The app answers 500 the first time, so APIXO delivers again 30 s later.
    const answers = [500, 200];
    const { client, emulator, received } = callbackSetup(14_500, () => answers.shift() ?? 200);
    const result = await succeeds(client.generate({ prompt: "a fox" }));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(emulator.deliveries.map((delivery) => delivery.status)).toEqual([500, 200]);
    expect(received).toHaveLength(2);
    expect(received[1]).toEqual(received[0]);
    expect(received[0]).toMatchObject({ state: "succeeded", images: result.images });
    expect(emulator.stats()).toMatchObject({ submits: 1, tasksCreated: 1 });
  });

  it("a forged delivery (wrong secret) is refused before any status call or task change", async () => {
    const { client, emulator } = callbackSetup(14_500);
    const handle = await client.submit({ prompt: "a fox" });
    const forged = new Request(
      `${HOOK}?imagegen_provider=apixo&imagegen_model=nano-banana&imagegen_token=guess`,
      {
        method: "POST",
        body: JSON.stringify({
          code: 200,
          message: "success",
          data: {
            taskId: handle.taskId,
            state: "success",
            resultJson: '{"resultUrls":["https://evil.example/x.png"]}',
          },
        }),
      },
    );
    await expect(client.handleCallback(forged)).rejects.toMatchObject({ name: "AuthenticationError" });
    expect(emulator.stats().statusCalls).toBe(0);
  });
});
