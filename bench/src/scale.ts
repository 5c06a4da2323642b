import { apixo } from "@org/imagegen-apixo";
import { createImageClient } from "@org/imagegen-core";
import { type EmulatorProcess, startEmulatorProcess } from "./emulator-process.js";
import { quickstartSample } from "./raw-loop.js";
import { quantile, round } from "./stats.js";

export interface ScaleRun {
  completed: number;
  lost: number;
  /** HTTP 429 answers the client received. */
  status429: number;
  requests: number;
  wallMs: number;
  /** Highest resident set size seen during the run. */
  peakRssMb: number;
  /** User + system CPU of this process (the emulator runs in another) per task. */
  cpuMsPerTask: number;
}

export interface ScaleResult {
  /** What the run shows: the headline pace, or a stress pace that starves the event loop. */
  variant: string;
  tasks: number;
  timeScale: number;
  rounds: number;
  /** Medians over the rounds. */
  quickstartLoop: ScaleRun;
  ours: ScaleRun;
  /** Ours ÷ the raw loop; the target is ≤ 1.2. */
  cpuRatio: number;
  meetsTarget: boolean;
}

type Strategy = (
  emulator: EmulatorProcess,
  fetch: typeof globalThis.fetch,
  tasks: number,
) => Promise<unknown>[];

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
    const completed = outcomes.filter((outcome) => outcome.status === "fulfilled").length;
    return {
      completed,
      lost: tasks - completed,
      status429: counts.status429,
      requests: counts.requests,
      wallMs: Math.round(wallMs),
      peakRssMb: round(peakRss / 2 ** 20, 1),
      cpuMsPerTask: round((used.user + used.system) / 1000 / tasks, 3),
    };
  } finally {
    await emulator.stop();
  }
}

const rawLoop =
  (timeScale: number): Strategy =>
  (emulator, fetch, tasks) =>
    Array.from({ length: tasks }, (_, i) =>
      quickstartSample(`a fox #${i}`, { ...emulator, intervalMs: 3_000 * timeScale, fetch }),
    );

/**
 * Our client with its default schedule for nano-banana (first poll one interval after 15 s, then every 3 s),
 * compressed by the same time scale as the emulator; limits and retry as shipped.
 */
const ours =
  (timeScale: number): Strategy =>
  (emulator, fetch, tasks) => {
    const client = createImageClient({
      providers: { apixo: apixo({ baseUrl: emulator.baseUrl, apiKey: emulator.apiKey, fetch }) },
      poll: {
        initialDelayMs: 18_000 * timeScale,
        intervalMs: 3_000 * timeScale,
        maxIntervalMs: 15_000 * timeScale,
      },
    });
    return Array.from({ length: tasks }, (_, i) =>
      client.generate({ model: "apixo:nano-banana", prompt: `a fox #${i}`, aspectRatio: "16:9" }),
    );
  };

function median(runs: ScaleRun[]): ScaleRun {
  const pick = (key: keyof ScaleRun) =>
    quantile(
      runs.map((run) => run[key]),
      0.5,
    );
  return {
    completed: Math.min(...runs.map((run) => run.completed)),
    lost: Math.max(...runs.map((run) => run.lost)),
    status429: Math.max(...runs.map((run) => run.status429)),
    requests: pick("requests"),
    wallMs: pick("wallMs"),
    peakRssMb: pick("peakRssMb"),
    cpuMsPerTask: pick("cpuMsPerTask"),
  };
}

/** 1,000 concurrent tasks over loopback HTTP against APIXO's limits: ours next to the sample loop, alternating. */
export async function scale({
  tasks = 1_000,
  timeScale = 0.1,
  rounds = 3,
  variant = "headline",
} = {}): Promise<ScaleResult> {
  // One small warm-up of each, so neither pays for the JIT alone.
  await measure(rawLoop(timeScale), 50, timeScale);
  await measure(ours(timeScale), 50, timeScale);
  const loopRuns: ScaleRun[] = [];
  const ourRuns: ScaleRun[] = [];
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? ["loop", "ours"] : ["ours", "loop"];
    for (const which of order) {
      if (which === "loop") loopRuns.push(await measure(rawLoop(timeScale), tasks, timeScale));
      else ourRuns.push(await measure(ours(timeScale), tasks, timeScale));
    }
  }
  const loop = median(loopRuns);
  const mine = median(ourRuns);
  const cpuRatio = round(mine.cpuMsPerTask / loop.cpuMsPerTask, 3);
  return {
    variant,
    tasks,
    timeScale,
    rounds,
    quickstartLoop: loop,
    ours: mine,
    cpuRatio,
    meetsTarget: mine.lost === 0 && mine.status429 === 0 && cpuRatio <= 1.2,
  };
}
