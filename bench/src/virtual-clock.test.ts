import { apixo } from "@org/imagegen-apixo";
import { createImageClient } from "@org/imagegen-core";
import { describe, expect, it } from "vitest";
import { simulatedVendor } from "./simulated-vendor.js";
import { VirtualClock } from "./virtual-clock.js";

describe("the virtual clock", () => {
  it("runs timers in time order, then in the order they were set, and skips cleared ones", async () => {
    const clock = new VirtualClock();
    const fired: string[] = [];
    clock.setTimeout(() => fired.push("b@20"), 20);
    clock.setTimeout(() => fired.push("a@10"), 10);
    clock.setTimeout(() => fired.push("c@20"), 20);
    const cleared = clock.setTimeout(() => fired.push("never"), 15);
    clock.clearTimeout(cleared);
    const done = new Promise<number>((resolve) => clock.setTimeout(() => resolve(clock.now()), 30));
    expect(await clock.run(done)).toBe(30);
    expect(fired).toEqual(["a@10", "b@20", "c@20"]);
  });

  it("lets promise chains started by a timer finish before time moves on", async () => {
    const clock = new VirtualClock();
    const seen: number[] = [];
    const chain = async () => {
      await new Promise<void>((resolve) => clock.setTimeout(resolve, 5));
      await Promise.resolve();
      seen.push(clock.now());
      await new Promise<void>((resolve) => clock.setTimeout(resolve, 5));
      seen.push(clock.now());
    };
    await clock.run(chain());
    expect(seen).toEqual([5, 10]);
  });

  it("says so when the work waits on something else", async () => {
    await expect(new VirtualClock().run(new Promise(() => {}))).rejects.toThrow(/other than this clock/);
  });
});

describe("the simulated vendor under the real client", () => {
  it("a 17 s nano-banana task is polled at 18 s, once, and seen 1 s after it ends", async () => {
    const clock = new VirtualClock();
    const vendor = simulatedVendor(apixo(), clock, [17_000], { reportsDuration: true });
    const client = createImageClient({ providers: { apixo: vendor.provider }, clock, random: () => 0 });
    const result = await clock.run(client.generate({ model: "apixo:nano-banana", prompt: "a fox" }));
    expect(result.status.state).toBe("succeeded");
    expect(clock.now()).toBe(18_000);
    expect(vendor.tasks).toEqual([{ durationMs: 17_000, statusCalls: 1, lagMs: 1_000 }]);
  });
});
