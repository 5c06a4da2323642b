import { apixo } from "@org/imagegen-apixo";
import { createImageClient, type ImageProvider, type Resolution } from "@org/imagegen-core";
import { xingchaoyiqing } from "@org/imagegen-xingchaoyiqing";
import { bestSchedule, type ScheduleOutcome } from "./best-schedule.js";
import { drawDurations, type LatencyShape, SHAPES } from "./latency-shapes.js";
import { docsAdvice, type PollOutcome, quickstartLoop } from "./poll-strategies.js";
import { seededRandom } from "./random.js";
import { simulatedVendor } from "./simulated-vendor.js";
import { mean, quantile, round } from "./stats.js";
import { VirtualClock } from "./virtual-clock.js";

interface PollCase {
  label: string;
  adapter: ImageProvider;
  model: string;
  resolution: Resolution | undefined;
  /** The docs' first poll; undefined where the docs only say "every 2–5 s" (then (b) is the loop). */
  docsFirstPollMs: number | undefined;
  /** Whether the vendor's status answer says how long the task took (APIXO does, xingchaoyiqing does not). */
  reportsDuration: boolean;
}

const NANO: PollCase = {
  label: "apixo nano-banana",
  adapter: apixo(),
  model: "nano-banana",
  resolution: undefined,
  docsFirstPollMs: 10_000,
  reportsDuration: true,
};
const PRO = (resolution: Resolution): PollCase => ({
  label: `apixo nano-banana-pro ${resolution}`,
  adapter: apixo(),
  model: "nano-banana-pro",
  resolution,
  docsFirstPollMs: 20_000,
  reportsDuration: true,
});
const XING: PollCase = {
  label: "xingchaoyiqing nano-banana",
  adapter: xingchaoyiqing(),
  model: "nano-banana",
  resolution: undefined,
  docsFirstPollMs: undefined,
  reportsDuration: false,
};
const XING_PRO_2K: PollCase = {
  ...XING,
  label: "xingchaoyiqing nano-banana-pro 2K",
  model: "nano-banana-pro",
  resolution: "2K",
};

/** Every case with durations as the emulators draw them; three of them under the shapes the docs do not promise. */
const ROWS: { pollCase: PollCase; shape: LatencyShape }[] = [
  ...[NANO, PRO("1K"), PRO("2K"), PRO("4K"), XING, XING_PRO_2K].map((pollCase) => ({
    pollCase,
    shape: SHAPES.uniform as LatencyShape,
  })),
  ...[SHAPES.lognormal25, SHAPES.lognormal50, SHAPES.tail, SHAPES.slowThird].flatMap((shape) =>
    [NANO, PRO("2K"), XING].map((pollCase) => ({ pollCase, shape: shape as LatencyShape })),
  ),
];

/** Tasks arrive as a steady stream, one every half second of virtual time (about 40 in flight). */
const ARRIVAL_MS = 500;

export interface StrategyResult {
  callsPerTask: number;
  lagP50Ms: number;
  lagP95Ms: number;
  lagMaxMs: number;
}

export interface PollCaseResult {
  case: string;
  shape: string;
  latencyMs: { min: number; max: number };
  tasks: number;
  quickstartLoop: StrategyResult;
  docsAdvice: StrategyResult;
  ours: StrategyResult;
  /** The fewest calls any fixed schedule could make for these exact durations at the loop's p95 lag. */
  best: ScheduleOutcome;
  /** Ours ÷ the quickstart loop; the target is ≤ 0.4. */
  callsRatio: number;
  /** The bound ÷ the quickstart loop: above 0.4, no schedule meets both targets on this row. */
  bestRatio: number;
  callsTargetMet: boolean;
  /** Ours' p95 lag ≤ the loop's. */
  lagTargetMet: boolean;
  meetsTarget: boolean;
}

function summarize(outcomes: readonly PollOutcome[]): StrategyResult {
  const lags = outcomes.map((outcome) => outcome.lagMs);
  return {
    callsPerTask: round(mean(outcomes.map((outcome) => outcome.statusCalls))),
    lagP50Ms: quantile(lags, 0.5),
    lagP95Ms: quantile(lags, 0.95),
    lagMaxMs: Math.max(...lags),
  };
}

/** Runs the tasks through the real client on a virtual clock, arriving one every `ARRIVAL_MS`. */
async function ours(pollCase: PollCase, durations: readonly number[], seed: number): Promise<PollOutcome[]> {
  const clock = new VirtualClock();
  const vendor = simulatedVendor(pollCase.adapter, clock, durations, pollCase);
  const client = createImageClient({
    providers: { [pollCase.adapter.id]: vendor.provider },
    clock,
    random: seededRandom(seed),
    limits: { [pollCase.adapter.id]: false },
  });
  const model = `${pollCase.adapter.id}:${pollCase.model}`;
  const arrive = (index: number) =>
    new Promise<void>((resolve) => clock.setTimeout(resolve, index * ARRIVAL_MS)).then(() =>
      client.generate({ model, prompt: "a fox", resolution: pollCase.resolution }),
    );
  await clock.run(Promise.all(durations.map((_, index) => arrive(index))));
  return vendor.tasks.map((task) => ({ statusCalls: task.statusCalls, lagMs: task.lagMs ?? Number.NaN }));
}

/** Poll efficiency: status calls per task and detection lag, three strategies and the bound on the same durations. */
export async function pollEfficiency({ tasks = 10_000, seed = 20261122 } = {}): Promise<PollCaseResult[]> {
  const results: PollCaseResult[] = [];
  for (const [index, { pollCase, shape }] of ROWS.entries()) {
    const capabilities = pollCase.adapter.models[pollCase.model];
    if (!capabilities) throw new Error(`${pollCase.label}: no such model`);
    const { latencyMs } = capabilities;
    const range = (pollCase.resolution && latencyMs.byResolution?.[pollCase.resolution]) || latencyMs;
    const durations = drawDurations(shape, range, tasks, seededRandom(seed + index));
    const loop = summarize(durations.map((duration) => quickstartLoop(duration)));
    const advice = summarize(
      durations.map((duration) =>
        pollCase.docsFirstPollMs === undefined
          ? quickstartLoop(duration)
          : docsAdvice(duration, pollCase.docsFirstPollMs),
      ),
    );
    const mine = summarize(await ours(pollCase, durations, seed + 100 + index));
    const best = bestSchedule(durations, loop.lagP95Ms);
    const callsRatio = round(mine.callsPerTask / loop.callsPerTask, 3);
    const callsTargetMet = callsRatio <= 0.4;
    const lagTargetMet = mine.lagP95Ms <= loop.lagP95Ms;
    results.push({
      case: pollCase.label,
      shape: shape.label,
      latencyMs: { min: range.min, max: range.max },
      tasks,
      quickstartLoop: loop,
      docsAdvice: advice,
      ours: mine,
      best: { callsPerTask: round(best.callsPerTask), lagP95Ms: best.lagP95Ms },
      callsRatio,
      bestRatio: round(best.callsPerTask / loop.callsPerTask, 3),
      callsTargetMet,
      lagTargetMet,
      meetsTarget: callsTargetMet && lagTargetMet,
    });
  }
  return results;
}
