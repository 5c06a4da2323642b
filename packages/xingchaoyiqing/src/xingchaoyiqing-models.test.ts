import { pollTimes, succeeds, useMswServer } from "@org/imagegen-test-kit";
import { describe, expect, it } from "vitest";
import { emulatedXingchaoyiqing } from "./test-support/emulated-xingchaoyiqing.js";

const server = useMswServer();

describe('poll schedule: "poll every 2–5 s"', () => {
  it("every 3 s, the first one interval after the low end of the model's typical latency", async () => {
    const { client, emulator } = emulatedXingchaoyiqing(server, { emulator: { durationMs: 20_000 } });
    await succeeds(client.generate({ prompt: "a cat" }));
    expect(pollTimes(emulator)).toEqual([18, 21]);
  });

  it("the pro models start later by resolution", async () => {
    const { client, emulator } = emulatedXingchaoyiqing(server, { emulator: { durationMs: 49_000 } });
    await succeeds(
      client.generate({ model: "xingchaoyiqing:nano-banana-pro", prompt: "a cat", resolution: "4K" }),
    );
    expect(pollTimes(emulator)).toEqual([48, 51]);
  });

  it("a task running long is still polled at least every 5 s", async () => {
    const { client, emulator } = emulatedXingchaoyiqing(server, { emulator: { durationMs: 120_000 } });
    await succeeds(client.generate({ prompt: "a cat" }));
    const times = pollTimes(emulator);
    const gaps = times.slice(1).map((time, i) => time - (times[i] ?? 0));
    expect(Math.max(...gaps)).toBe(5);
    expect(Math.min(...gaps)).toBe(3);
  });
});
