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
  { reportsDuration }: { reportsDuration: boolean },
): { provider: ImageProvider; tasks: SimulatedTask[] } {
  const tasks: SimulatedTask[] = [];
  const finishAt: number[] = [];
  const iso = (ms: number) => new Date(ms).toISOString();
  // As the real adapters read them: APIXO reports create and complete times, xingchaoyiqing no timings.
  const status = (taskId: string, state: TaskStatus["state"]): TaskStatus => {
    const index = Number(taskId);
    const done = state === "succeeded" && reportsDuration;
    const end = finishAt[index] as number;
    const duration = (tasks[index] as SimulatedTask).durationMs;
    return {
      taskId,
      state,
      images: state === "succeeded" ? [{ url: `https://vendor.invalid/${taskId}.png` }] : [],
      failure: undefined,
      createdAt: reportsDuration ? iso(end - duration) : undefined,
      completedAt: done ? iso(end) : undefined,
      durationMs: done ? duration : undefined,
      raw: undefined,
    };
  };
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
