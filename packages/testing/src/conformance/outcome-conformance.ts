import { describe, expect, it } from "vitest";
import type { AdapterConformanceOptions } from "./adapter-spec.js";
import { type conformanceWorld, fails, succeeds } from "./conformance-world.js";

/** The class a task failure gets on every vendor (DESIGN: the same outcome gets the same class everywhere). */
const FAILURE_CLASS: Readonly<Record<string, string>> = {
  CONTENT_VIOLATION: "ContentPolicyError",
  INSUFFICIENT_BALANCE: "InsufficientBalanceError",
};

/** Every state the vendor reports, and every way its tasks end. */
export function describeOutcomes(
  world: ReturnType<typeof conformanceWorld>,
  options: AdapterConformanceOptions,
) {
  describe("task states", () => {
    for (const stage of ["queued", "running"] as const) {
      it(`the vendor's ${stage} state is "${stage}"`, async () => {
        const { client } = world.run();
        const name = world.vendor().states[stage];
        const handle = await succeeds(client.submit({ prompt: `a fox [emulator: states=${name}]` }));
        const status = await succeeds(client.getStatus(handle));
        expect(status).toMatchObject({ state: stage, taskId: handle.taskId });
      });
    }

    it("a succeeded task gives the vendor's result images", async () => {
      const { client, emulator } = world.run();
      const result = await succeeds(client.generate({ prompt: "a fox" }));
      expect(result.status.state).toBe("succeeded");
      const urls = emulator.task(result.handle.taskId)?.imageUrls;
      expect(result.images.map((image) => image.url)).toEqual(urls);
      expect(result.images.length).toBeGreaterThan(0);
    });
  });

  describe("every documented fail code", () => {
    const codes = () => Object.entries(world.vendor().failCodes);
    it("the vendor documents at least one", () => {
      expect(codes().length).toBeGreaterThan(0);
    });
    // Read when the tests are collected, so the vendor must be registered by then (it is, once imported).
    for (const [code, message] of codes()) {
      const expected = FAILURE_CLASS[code] ?? "TaskFailedError";
      it(`${code} → ${expected}, with the vendor's message and the task id`, async () => {
        const { client, emulator } = world.run();
        const error = await fails(client.generate({ prompt: `a fox [emulator: fail=${code}]` }));
        expect(error.name).toBe(expected);
        expect(error).toMatchObject({ provider: world.vendor().id, taskId: emulator.tasks()[0]?.id });
        expect(error.message).toContain(message);
        if (expected !== "TaskFailedError") expect(error.retryable).toBe(false);
        expect(emulator.stats().submits).toBe(1);
      });
    }

    const capabilities = options.adapter({ apiKey: "unused", baseUrl: world.vendor().baseUrl }).models[
      options.model
    ];
    it.runIf(capabilities?.modes.includes("image-to-image"))(
      "an unreachable reference image fails the task, not the submit",
      async () => {
        const { client, emulator } = world.run();
        const error = await fails(
          client.generate({ prompt: "the fox", referenceImages: ["https://images.invalid/fox.png"] }),
        );
        expect(error).toMatchObject({ name: "TaskFailedError", retryable: false });
        expect(emulator.stats()).toMatchObject({ submits: 1, tasksCreated: 1 });
      },
    );
  });
}
