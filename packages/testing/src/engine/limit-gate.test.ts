import { describe, expect, it } from "vitest";
import { LimitGate } from "./limit-gate.js";

describe("LimitGate", () => {
  it("admits everything without limits, still counting unfinished tasks", () => {
    const gate = new LimitGate(undefined);
    for (let i = 0; i < 5; i++) {
      expect(gate.admitRequest(0)).toBe(true);
      gate.startTask(`t${i}`, 100, 0);
    }
    expect(gate.hasTaskCapacity(0)).toBe(true);
    expect(gate.peakActiveTasks).toBe(5);
    expect(gate.activeTasks(100)).toBe(0);
  });

  it("slides the request window over long runs without growing without bound", () => {
    const gate = new LimitGate({ requestsPerMinute: 1_000, concurrentTasks: 1 });
    let refused = 0;
    // 100 requests per second for 10 minutes: a steady 6,000 per minute against a quota of 1,000.
    for (let t = 0; t < 600_000; t += 10) if (!gate.admitRequest(t)) refused++;
    expect(refused).toBe(60_000 - 10 * 1_000);
    expect(gate.admitRequest(600_000 + 60_000)).toBe(true);
  });

  it("frees a task slot when the task finishes", () => {
    const gate = new LimitGate({ requestsPerMinute: 100, concurrentTasks: 2 });
    gate.startTask("a", 1_000, 0);
    gate.startTask("b", undefined, 0);
    expect(gate.hasTaskCapacity(999)).toBe(false);
    expect(gate.hasTaskCapacity(1_000)).toBe(true);
    expect(gate.activeTasks(Number.MAX_SAFE_INTEGER)).toBe(1);
  });
});
