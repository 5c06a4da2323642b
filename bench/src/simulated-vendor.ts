import type { TaskStatus } from "@org/imagegen-core";
import type { ImageProvider } from "@org/imagegen-core/provider";
import type { VirtualClock } from "./virtual-clock.js";

/** What the simulated vendor saw of one task. */
export interface SimulatedTask {
  durationMs: number;
  statusCalls: number;
  /** Time from the task finishing to the status call that reported it. */
  lagMs: number | undefined;
}

/**
 * A vendor on the virtual clock with the real adapter's capability table (so the client schedules exactly as
 * it would for that vendor), whose tasks take the given durations in submit order. No HTTP: this measures the
 * schedule, not the network.
 */
export function simulatedVendor(
  real: ImageProvider,
  clock: VirtualClock,
  durations: readonly number[],
): { provider: ImageProvider; tasks: SimulatedTask[] } {
  const tasks: SimulatedTask[] = [];
  const finishAt: number[] = [];
  const status = (taskId: string, state: TaskStatus["state"]): TaskStatus => ({
    taskId,
    state,
    images: state === "succeeded" ? [{ url: `https://vendor.invalid/${taskId}.png` }] : [],
    failure: undefined,
    createdAt: undefined,
    completedAt: undefined,
    durationMs: undefined,
    raw: undefined,
  });
  const provider: ImageProvider = {
    id: real.id,
    models: real.models,
    async submit() {
      const index = tasks.length;
      const durationMs = durations[index];
      if (durationMs === undefined) throw new Error("More tasks submitted than durations drawn.");
      tasks.push({ durationMs, statusCalls: 0, lagMs: undefined });
      finishAt.push(clock.now() + durationMs);
      return { taskId: String(index) };
    },
    async getStatus(handle) {
      const index = Number(handle.taskId);
      const task = tasks[index] as SimulatedTask;
      task.statusCalls++;
      const done = clock.now() >= (finishAt[index] as number);
      if (done) task.lagMs ??= clock.now() - (finishAt[index] as number);
      return status(handle.taskId, done ? "succeeded" : "running");
    },
    parseCallback() {
      throw new Error("The simulation polls.");
    },
  };
  return { provider, tasks };
}

/** Durations drawn uniformly from the documented range, as the emulators draw them. */
export function drawDurations(
  range: { min: number; max: number },
  count: number,
  random: () => number,
): number[] {
  return Array.from({ length: count }, () => Math.round(range.min + (range.max - range.min) * random()));
}
