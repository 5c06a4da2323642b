import { describe, expect, it, vi } from "vitest";
import { apixoWire, textToImage } from "../test-support/apixo-wire-client.js";
import { json, mount, useMswServer } from "../test-support/msw.js";
import { APIXO_LIMITS, createApixoEmulator } from "./apixo-emulator.js";

const server = useMswServer();

// Thousands of requests through msw: a generous budget for a busy CI machine. Time inside is virtual.
describe("Rate limits: 10,000 requests/minute, 1,000 concurrent tasks; over that → 429", {
  timeout: 60_000,
}, () => {
  it("are the numbers on the nano-banana-pro page", () => {
    expect(APIXO_LIMITS).toEqual({ requestsPerMinute: 10_000, concurrentTasks: 1_000 });
  });

  it("refuses the 1,001st unfinished task, and takes new ones as tasks finish", async () => {
    const emulator = mount(server, createApixoEmulator({ limits: true, durationMs: 20_000 }));
    const wire = apixoWire(emulator);
    const answers = await Promise.all(
      Array.from({ length: 1_000 }, (_, i) => wire.submit(textToImage(`fox ${i}`))),
    );
    expect(answers.every((response) => response.status === 200)).toBe(true);
    const refused = await wire.submit(textToImage("one too many"));
    expect(refused.status).toBe(429);
    expect(await json(refused)).toEqual({ code: 429, message: "Rate limit exceeded", data: null });
    expect(emulator.stats()).toMatchObject({ tasksCreated: 1_000, rateLimited: 1, peakActiveTasks: 1_000 });
    await vi.advanceTimersByTimeAsync(20_000);
    expect((await wire.submit(textToImage("room again"))).status).toBe(200);
  });

  it("counts a task that never finishes against the cap forever", async () => {
    const emulator = mount(
      server,
      createApixoEmulator({ limits: { concurrentTasks: 1 }, durationMs: 1_000 }),
    );
    const wire = apixoWire(emulator);
    expect((await wire.submit(textToImage("stuck [emulator: never]"))).status).toBe(200);
    await vi.advanceTimersByTimeAsync(86_400_000);
    expect((await wire.submit(textToImage("next"))).status).toBe(429);
  });

  it("refuses the 10,001st request in a sliding minute, whatever the endpoint", async () => {
    const emulator = mount(server, createApixoEmulator({ limits: true }));
    const wire = apixoWire(emulator);
    const taskId = (await json(await wire.submit(textToImage("a fox")))).data.taskId as string;
    await vi.advanceTimersByTimeAsync(30_000);
    const polls = await Promise.all(Array.from({ length: 9_999 }, () => wire.status(taskId)));
    expect(polls.filter((response) => response.status === 200)).toHaveLength(9_999);
    expect((await wire.status(taskId)).status).toBe(429);
    expect((await wire.submit(textToImage("another"))).status).toBe(429);
    // The first request leaves the window 60 s after it was made.
    await vi.advanceTimersByTimeAsync(30_000);
    expect((await wire.status(taskId)).status).toBe(200);
    expect(emulator.stats().rateLimited).toBe(2);
  });

  it("counts quotas in real time, not scaled time", async () => {
    const emulator = mount(
      server,
      createApixoEmulator({ limits: { requestsPerMinute: 2 }, timeScale: 0.001 }),
    );
    const wire = apixoWire(emulator);
    await wire.status("task_a");
    await wire.status("task_b");
    await vi.advanceTimersByTimeAsync(59_999);
    expect((await wire.status("task_c")).status).toBe(429);
  });

  it("are off unless enabled", async () => {
    const emulator = mount(server, createApixoEmulator({ durationMs: 60_000 }));
    const wire = apixoWire(emulator);
    const answers = await Promise.all(
      Array.from({ length: 1_100 }, (_, i) => wire.submit(textToImage(`fox ${i}`))),
    );
    expect(answers.filter((response) => response.status !== 200)).toHaveLength(0);
    expect(emulator.stats().peakActiveTasks).toBe(1_100);
  });
});
