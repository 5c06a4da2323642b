import { apixo } from "@org/imagegen-apixo";
import { createImageClient, type ImageProvider, type Resolution } from "@org/imagegen-core";
import { xingchaoyiqing } from "@org/imagegen-xingchaoyiqing";
import { docsAdvice, type PollOutcome, quickstartLoop } from "./poll-strategies.js";
import { seededRandom } from "./random.js";
import { drawDurations, simulatedVendor } from "./simulated-vendor.js";
import { mean, quantile, round } from "./stats.js";
import { VirtualClock } from "./virtual-clock.js";

interface PollCase {
  label: string;
  adapter: ImageProvider;
  model: string;
  resolution: Resolution | undefined;
  /** The docs' first poll; undefined where the docs only say "every 2–5 s" (then (b) is the loop). */
  docsFirstPollMs: number | undefined;
}

const CASES: PollCase[] = [
  {
    label: "apixo nano-banana",
    adapter: apixo(),
    model: "nano-banana",
    resolution: undefined,
    docsFirstPollMs: 10_000,
  },
  ...(["1K", "2K", "4K"] as const).map((resolution) => ({
    label: `apixo nano-banana-pro ${resolution}`,
    adapter: apixo(),
    model: "nano-banana-pro",
    resolution,
    docsFirstPollMs: 20_000,
  })),
  {
    label: "xingchaoyiqing nano-banana",
    adapter: xingchaoyiqing(),
    model: "nano-banana",
    resolution: undefined,
    docsFirstPollMs: undefined,
  },
  {
    label: "xingchaoyiqing nano-banana-pro 2K",
    adapter: xingchaoyiqing(),
    model: "nano-banana-pro",
    resolution: "2K",
    docsFirstPollMs: undefined,
  },
];

export interface StrategyResult {
  callsPerTask: number;
  lagP50Ms: number;
  lagP95Ms: number;
  lagMaxMs: number;
}

export interface PollCaseResult {
  case: string;
  latencyMs: { min: number; max: number };
  tasks: number;
  quickstartLoop: StrategyResult;
  docsAdvice: StrategyResult;
  ours: StrategyResult;
  /** Ours ÷ the quickstart loop; the target is ≤ 0.5. */
  callsRatio: number;
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

/** Runs `tasks` tasks through the real client on a virtual clock against a vendor with these durations. */
async function ours(pollCase: PollCase, durations: readonly number[], seed: number): Promise<PollOutcome[]> {
  const clock = new VirtualClock();
  const vendor = simulatedVendor(pollCase.adapter, clock, durations);
  const client = createImageClient({
    providers: { [pollCase.adapter.id]: vendor.provider },
    clock,
    random: seededRandom(seed),
    limits: { [pollCase.adapter.id]: false },
  });
  const model = `${pollCase.adapter.id}:${pollCase.model}`;
  await clock.run(
    Promise.all(
      durations.map(() => client.generate({ model, prompt: "a fox", resolution: pollCase.resolution })),
    ),
  );
  return vendor.tasks.map((task) => ({ statusCalls: task.statusCalls, lagMs: task.lagMs ?? Number.NaN }));
}

/** Poll efficiency: status calls per task and detection lag, three strategies on the same durations. */
export async function pollEfficiency({ tasks = 10_000, seed = 20261122 } = {}): Promise<PollCaseResult[]> {
  const results: PollCaseResult[] = [];
  for (const [index, pollCase] of CASES.entries()) {
    const capabilities = pollCase.adapter.models[pollCase.model];
    if (!capabilities) throw new Error(`${pollCase.label}: no such model`);
    const { latencyMs } = capabilities;
    const range = (pollCase.resolution && latencyMs.byResolution?.[pollCase.resolution]) || latencyMs;
    const durations = drawDurations(range, tasks, seededRandom(seed + index));
    const loop = summarize(durations.map((duration) => quickstartLoop(duration)));
    const advice = summarize(
      durations.map((duration) =>
        pollCase.docsFirstPollMs === undefined
          ? quickstartLoop(duration)
          : docsAdvice(duration, pollCase.docsFirstPollMs),
      ),
    );
    const mine = summarize(await ours(pollCase, durations, seed + 100 + index));
    const callsRatio = round(mine.callsPerTask / loop.callsPerTask, 3);
    results.push({
      case: pollCase.label,
      latencyMs: { min: range.min, max: range.max },
      tasks,
      quickstartLoop: loop,
      docsAdvice: advice,
      ours: mine,
      callsRatio,
      meetsTarget: callsRatio <= 0.5 && mine.lagP95Ms <= loop.lagP95Ms,
    });
  }
  return results;
}
