// One scale measurement in a process of its own: `node scale-run.js <ours|loop> <tasks> <timeScale>` starts the
// emulator (another child), runs the tasks, and prints one JSON ScaleRun on stdout. A fresh process per run,
// so neither strategy inherits the other's JIT, heap or sockets.
import { apixo } from "@org/imagegen-apixo";
import { createImageClient } from "@org/imagegen-core";
import { type EmulatorProcess, startEmulatorProcess } from "./emulator-process.js";
import { quickstartSample } from "./raw-loop.js";
import { round } from "./stats.js";

export interface ScaleRun {
  completed: number;
  lost: number;
  /** HTTP 429 answers the client received. */
  status429: number;
  requests: number;
  wallMs: number;
  /** Highest resident set size seen during the run. */
  peakRssMb: number;
  /** User + system CPU of this process (the emulator runs in another) per task, and per HTTP request. */
  cpuMsPerTask: number;
  cpuUsPerRequest: number;
  /** Why tasks were lost, by error name and message. */
  failures: Record<string, number>;
}

type Strategy = (
  emulator: EmulatorProcess,
  fetch: typeof globalThis.fetch,
  tasks: number,
) => Promise<unknown>[];

const STRATEGIES: Record<string, (timeScale: number) => Strategy> = {
  // The vendor quickstart's sample code, polling every 3 s at the emulator's pace.
  loop: (timeScale) => (emulator, fetch, tasks) =>
    Array.from({ length: tasks }, (_, i) =>
      quickstartSample(`a fox #${i}`, { ...emulator, intervalMs: 3_000 * timeScale, fetch }),
    ),
  // Our client as shipped (schedule, limits, retry), told the emulator's pace with the one option for it.
  ours: (timeScale) => (emulator, fetch, tasks) => {
    const client = createImageClient({
      providers: { apixo: apixo({ baseUrl: emulator.baseUrl, apiKey: emulator.apiKey, fetch }) },
      poll: { timeScale },
    });
    return Array.from({ length: tasks }, (_, i) =>
      client.generate({ model: "apixo:nano-banana", prompt: `a fox #${i}`, aspectRatio: "16:9" }),
    );
  },
};

/** Counts every answer by status, for both strategies alike. */
function countingFetch() {
  const counts = { requests: 0, status429: 0 };
  const wrapped: typeof fetch = async (input, init) => {
    counts.requests++;
    const response = await fetch(input, init);
    if (response.status === 429) counts.status429++;
    return response;
  };
  return { counts, fetch: wrapped };
}

async function measure(strategy: Strategy, tasks: number, timeScale: number): Promise<ScaleRun> {
  const emulator = await startEmulatorProcess(timeScale);
  try {
    (globalThis as { gc?: () => void }).gc?.();
    const { counts, fetch } = countingFetch();
    let peakRss = process.memoryUsage.rss();
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
    }, 20);
    const cpu = process.cpuUsage();
    const started = performance.now();
    const outcomes = await Promise.allSettled(strategy(emulator, fetch, tasks));
    const wallMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    clearInterval(sampler);
    const failures: Record<string, number> = {};
    for (const outcome of outcomes) {
      if (outcome.status === "fulfilled") continue;
      const error = outcome.reason as Error;
      const key = `${error?.name}: ${error?.message}`.slice(0, 300);
      failures[key] = (failures[key] ?? 0) + 1;
    }
    const completed = outcomes.filter((outcome) => outcome.status === "fulfilled").length;
    const cpuMs = (used.user + used.system) / 1000;
    return {
      completed,
      lost: tasks - completed,
      status429: counts.status429,
      requests: counts.requests,
      wallMs: Math.round(wallMs),
      peakRssMb: round(peakRss / 2 ** 20, 1),
      cpuMsPerTask: round(cpuMs / tasks, 3),
      cpuUsPerRequest: round((cpuMs * 1000) / counts.requests, 1),
      failures,
    };
  } finally {
    await emulator.stop();
  }
}

const [name = "ours", tasks = "1000", timeScale = "1"] = process.argv.slice(2);
const make = STRATEGIES[name];
if (!make) throw new Error(`unknown strategy ${name}`);
const run = await measure(make(Number(timeScale)), Number(tasks), Number(timeScale));
process.stdout.write(`${JSON.stringify(run)}\n`);
