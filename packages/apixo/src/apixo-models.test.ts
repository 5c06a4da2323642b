import { pollTimes, succeeds, useMswServer } from "@org/imagegen-test-kit";
import { describe, expect, it } from "vitest";
import { emulatedApixo } from "./test-support/emulated-apixo.js";

const server = useMswServer();

describe("poll schedule from the model pages", () => {
  it("nano-banana: first poll at 10 s, then every 3 s", async () => {
    const { client, emulator } = emulatedApixo(server, { emulator: { durationMs: 17_000 } });
    await succeeds(client.generate({ prompt: "a fox" }));
    expect(pollTimes(emulator)).toEqual([10, 13, 16, 19]);
  });

  const pro = [
    ["1K", 20, 25_000, [20, 23, 26]],
    ["2K", 30, 37_000, [30, 33, 36, 39]],
    ["4K", 45, 50_000, [45, 48, 51]],
  ] as const;
  for (const [resolution, first, durationMs, expected] of pro) {
    it(`nano-banana-pro at ${resolution}: first poll at ${first} s, then every 3 s`, async () => {
      const { client, emulator } = emulatedApixo(server, { emulator: { durationMs } });
      await succeeds(client.generate({ model: "apixo:nano-banana-pro", prompt: "a fox", resolution }));
      expect(pollTimes(emulator)).toEqual(expected);
    });
  }

  it("nano-banana-pro without a resolution polls as 1K, the vendor's default", async () => {
    const { client, emulator } = emulatedApixo(server, { emulator: { durationMs: 21_000 } });
    await succeeds(client.generate({ model: "apixo:nano-banana-pro", prompt: "a fox" }));
    expect(pollTimes(emulator)).toEqual([20, 23]);
  });

  it("is overridable per client and per call", async () => {
    const { client, emulator } = emulatedApixo(server, {
      emulator: { durationMs: 5_000 },
      client: { poll: { initialDelayMs: 2_000, intervalMs: 2_000 } },
    });
    await succeeds(client.generate({ prompt: "a fox" }));
    expect(pollTimes(emulator)).toEqual([2, 4, 6]);
    await succeeds(client.generate({ prompt: "a fox", poll: { initialDelayMs: 4_000 } }));
    expect(pollTimes(emulator)).toEqual([4, 6]);
  });

  it("a task past its typical latency is polled less often, never forgotten", async () => {
    const { client, emulator } = emulatedApixo(server, { emulator: { durationMs: 80_000 } });
    await succeeds(client.generate({ prompt: "a fox" }));
    const times = pollTimes(emulator);
    const gaps = times.slice(1).map((time, i) => time - (times[i] ?? 0));
    expect(gaps.at(-1)).toBeGreaterThan(3);
    expect(times.at(-1)).toBeGreaterThanOrEqual(80);
  });
});
