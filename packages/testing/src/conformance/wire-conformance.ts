import { describe, expect, it } from "vitest";
import type { AdapterConformanceOptions } from "./adapter-spec.js";
import { type conformanceWorld, succeeds } from "./conformance-world.js";

const PROMPT = "a fox in watercolor";

/** The calls on the wire: as documented, exactly one per submit and per status check, with the key. */
export function describeWire(world: ReturnType<typeof conformanceWorld>, options: AdapterConformanceOptions) {
  const { submit, status } = options.wire;

  describe("the wire", () => {
    it(`submit: one ${submit.method} ${submit.path} with the key as a Bearer token and the documented JSON body`, async () => {
      const { client, emulator, sent } = world.run();
      await succeeds(client.submit({ prompt: PROMPT }));
      expect(sent).toHaveLength(1);
      const [request] = sent;
      expect(request?.method).toBe(submit.method);
      expect(request?.url).toBe(`${emulator.baseUrl}${submit.path}`);
      expect(request?.headers.get("authorization")).toBe(`Bearer ${emulator.apiKey}`);
      expect(request?.headers.get("content-type")).toMatch(/^application\/json/);
      expect(JSON.parse(request?.body ?? "")).toEqual(submit.body(PROMPT));
      expect(emulator.stats()).toMatchObject({ submits: 1, tasksCreated: 1 });
    });

    it(`status: one ${status.method} to the documented path with the key, per check`, async () => {
      const { client, emulator, sent } = world.run();
      const handle = await succeeds(client.submit({ prompt: PROMPT }));
      await succeeds(client.getStatus(handle));
      expect(sent).toHaveLength(2);
      expect(sent[1]).toMatchObject({
        method: status.method,
        url: `${emulator.baseUrl}${status.path(handle.taskId)}`,
      });
      expect(sent[1]?.headers.get("authorization")).toBe(`Bearer ${emulator.apiKey}`);
    });

    it("the handle is plain JSON naming the vendor, the model and the vendor's task id", async () => {
      const { client, emulator } = world.run();
      const handle = await succeeds(client.submit({ prompt: PROMPT }));
      expect(JSON.parse(JSON.stringify(handle))).toEqual(handle);
      expect(handle).toMatchObject({ provider: world.vendor().id, model: options.model });
      expect(emulator.task(handle.taskId)).toBeDefined();
    });

    it("a handle resumes in a client that did not submit it, as in another process", async () => {
      const { client, emulator } = world.run();
      const handle = await succeeds(client.submit({ prompt: PROMPT }));
      const elsewhere = world.clientFor(emulator);
      const done = await succeeds(elsewhere.wait(JSON.parse(JSON.stringify(handle))));
      expect(done.status.state).toBe("succeeded");
      expect(emulator.stats()).toMatchObject({ submits: 1, tasksCreated: 1 });
    });
  });
}
