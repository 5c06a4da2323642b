import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { ScaleRun } from "./scale-run.js";
import { round, type Spread, spread } from "./stats.js";

const run = promisify(execFile);

/** Every numeric figure of a strategy's runs, as least / median / greatest; losses and 429s summed. */
export interface ScaleSummary {
  completed: Spread;
  lost: number;
  status429: number;
  requests: Spread;
  wallMs: Spread;
  peakRssMb: Spread;
  cpuMsPerTask: Spread;
  cpuUsPerRequest: Spread;
  failures: Record<string, number>;
}

export interface ScaleResult {
  /** The headline runs at the vendor's own pace; the stress run a hundred times faster. */
  variant: string;
  tasks: number;
  timeScale: number;
  rounds: number;
  quickstartLoop: ScaleSummary;
  ours: ScaleSummary;
  /** Ours ÷ the loop per task and per request, each round's pair measured back to back. */
  cpuPerTaskRatio: Spread;
  cpuPerRequestRatio: Spread;
  /** 0 lost and 0 × 429 over every round, and the median CPU per task ≤ 1.2× the loop's. */
  meetsTarget: boolean;
}

/** One run of a strategy in a fresh `node` process (`scale-run.js`), which starts its own emulator. */
async function measure(strategy: "loop" | "ours", tasks: number, timeScale: number): Promise<ScaleRun> {
  const script = new URL("scale-run.js", import.meta.url).pathname;
  const { stdout } = await run(
    process.execPath,
    ["--expose-gc", script, strategy, String(tasks), String(timeScale)],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as ScaleRun;
}

function summarize(runs: ScaleRun[]): ScaleSummary {
  const of = (key: keyof Omit<ScaleRun, "failures">, digits = 2) =>
    spread(
      runs.map((r) => r[key]),
      digits,
    );
  const failures: Record<string, number> = {};
  for (const r of runs)
    for (const [why, n] of Object.entries(r.failures)) failures[why] = (failures[why] ?? 0) + n;
  return {
    completed: of("completed", 0),
    lost: runs.reduce((sum, r) => sum + r.lost, 0),
    status429: runs.reduce((sum, r) => sum + r.status429, 0),
    requests: of("requests", 0),
    wallMs: of("wallMs", 0),
    peakRssMb: of("peakRssMb", 1),
    cpuMsPerTask: of("cpuMsPerTask", 3),
    cpuUsPerRequest: of("cpuUsPerRequest", 1),
    failures,
  };
}

/**
 * `tasks` concurrent tasks over loopback HTTP against the APIXO emulator with its quotas on: ours next to the
 * vendor's sample loop, a fresh process for every run, the order alternating by round.
 */
export async function scale({
  tasks = 1_000,
  timeScale = 1,
  rounds = 5,
  variant = "headline",
} = {}): Promise<ScaleResult> {
  const loopRuns: ScaleRun[] = [];
  const ourRuns: ScaleRun[] = [];
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? (["loop", "ours"] as const) : (["ours", "loop"] as const);
    for (const which of order) {
      const result = await measure(which, tasks, timeScale);
      (which === "loop" ? loopRuns : ourRuns).push(result);
      process.stderr.write(
        `  ${variant} round ${r + 1} ${which}: ${result.cpuMsPerTask} ms/task, ${result.lost} lost\n`,
      );
    }
  }
  const ratio = (key: "cpuMsPerTask" | "cpuUsPerRequest") =>
    spread(
      ourRuns.map((mine, i) => mine[key] / (loopRuns[i] as ScaleRun)[key]),
      3,
    );
  const loop = summarize(loopRuns);
  const mine = summarize(ourRuns);
  const cpuPerTaskRatio = ratio("cpuMsPerTask");
  return {
    variant,
    tasks,
    timeScale,
    rounds,
    quickstartLoop: loop,
    ours: mine,
    cpuPerTaskRatio,
    cpuPerRequestRatio: ratio("cpuUsPerRequest"),
    meetsTarget: mine.lost === 0 && mine.status429 === 0 && round(cpuPerTaskRatio.median, 3) <= 1.2,
  };
}
