import { apixo } from "@org/imagegen-apixo";
import { createImageClient, type TaskHandle } from "@org/imagegen-core";
import ky from "ky";
import { type EmulatorProcess, startEmulatorProcess, startPlainServer } from "./emulator-process.js";
import { quantile, round, type Spread, spread } from "./stats.js";

/** One way of making a status call and reading its answer. */
interface CallStrategy {
  name: string;
  make(server: EmulatorProcess, taskId: string): () => Promise<unknown>;
}

const STRATEGIES: CallStrategy[] = [
  {
    name: "raw fetch",
    make({ baseUrl, apiKey }, taskId) {
      const url = `${baseUrl}/statusTask/nano-banana?taskId=${encodeURIComponent(taskId)}`;
      const headers = { authorization: `Bearer ${apiKey}` };
      return async () => (await fetch(url, { headers })).json();
    },
  },
  {
    // What any per-request timeout adds: an abort signal and a timer per call.
    name: "raw fetch with a timeout",
    make({ baseUrl, apiKey }, taskId) {
      const url = `${baseUrl}/statusTask/nano-banana?taskId=${encodeURIComponent(taskId)}`;
      const headers = { authorization: `Bearer ${apiKey}` };
      return async () => (await fetch(url, { headers, signal: AbortSignal.timeout(30_000) })).json();
    },
  },
  {
    // ky as its users call it: the query as `searchParams`, its own defaults otherwise.
    name: "bare ky",
    make({ baseUrl, apiKey }, taskId) {
      const url = `${baseUrl}/statusTask/nano-banana`;
      const headers = { authorization: `Bearer ${apiKey}` };
      return () => ky.get(url, { searchParams: { taskId }, headers }).json();
    },
  },
  {
    // The whole path of `client.getStatus`: rate limiter, deadline, retry policy, adapter, bounded read,
    // redaction, wire schema and normalising. A fresh client per round, so its rate window starts empty.
    name: "ours (client.getStatus)",
    make({ baseUrl, apiKey }, taskId) {
      const client = createImageClient({ providers: { apixo: apixo({ baseUrl, apiKey }) } });
      const handle: TaskHandle = {
        provider: "apixo",
        model: "nano-banana",
        taskId,
        submittedAt: new Date().toISOString(),
      };
      return () => client.getStatus(handle);
    },
  },
];

export interface CallCost {
  strategy: string;
  /** Client CPU (user + system) per status call, over the rounds. */
  cpuUsPerCall: Spread;
  /** This strategy ÷ raw fetch, each round's pair measured back to back. */
  ratioToRawFetch: Spread;
}

export interface ServerCost {
  server: string;
  /** Server CPU per request it answered, over the rounds. */
  cpuUsPerRequest: Spread;
}

export interface RequestCostResult {
  calls: number;
  concurrency: number;
  rounds: number;
  client: CallCost[];
  servers: ServerCost[];
  /** The emulator's CPU per request ÷ the plain server's (median rounds). */
  emulatorOverPlain: number;
  /** Ours ÷ raw fetch (median of the rounds' ratios); the target is ≤ 1.3. */
  oursOverRawFetch: number;
  meetsTarget: boolean;
}

/** Runs `calls` calls, `concurrency` at a time; returns the client's CPU per call in µs. */
async function measureCalls(call: () => Promise<unknown>, calls: number, concurrency: number) {
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.cpuUsage();
  let left = calls;
  const worker = async () => {
    while (left-- > 0) await call();
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const used = process.cpuUsage(before);
  return (used.user + used.system) / calls;
}

/** A task id the server knows: the plain server knows any; the emulator needs a submit first. */
async function someTask({ baseUrl, apiKey }: EmulatorProcess): Promise<string> {
  const response = await fetch(`${baseUrl}/generateTask/nano-banana`, {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({ request_type: "async", input: { mode: "text-to-image", prompt: "a fox" } }),
  });
  const { data } = (await response.json()) as { data: { taskId: string } };
  return data.taskId;
}

/**
 * CPU per status call for raw `fetch`, bare ky and our whole client path, against a plain `node:http` server
 * in a child process; and the server's own CPU per request, plain server next to the loopback emulator.
 */
export async function requestCost({
  calls = 1_000,
  concurrency = 8,
  rounds = 15,
} = {}): Promise<RequestCostResult> {
  const plain = await startPlainServer();
  const perStrategy = new Map<string, number[]>(STRATEGIES.map((s) => [s.name, []]));
  const ratios = new Map<string, number[]>(STRATEGIES.map((s) => [s.name, []]));
  const serverCpu = { plain: [] as number[], emulator: [] as number[] };
  try {
    for (const strategy of STRATEGIES)
      await measureCalls(strategy.make(plain, "task_plain"), 300, concurrency);
    for (let r = 0; r < rounds; r++) {
      // Rotate the order, so no strategy always runs first after a pause.
      const order = STRATEGIES.map((_, i) => STRATEGIES[(i + r) % STRATEGIES.length] as CallStrategy);
      const thisRound = new Map<string, number>();
      for (const strategy of order) {
        const serverBefore = plain.cpuMs();
        const cost = await measureCalls(strategy.make(plain, "task_plain"), calls, concurrency);
        if (strategy.name === "raw fetch")
          serverCpu.plain.push(((plain.cpuMs() - serverBefore) * 1000) / calls);
        thisRound.set(strategy.name, cost);
        perStrategy.get(strategy.name)?.push(cost);
      }
      const raw = thisRound.get("raw fetch") as number;
      for (const [name, cost] of thisRound) ratios.get(name)?.push(cost / raw);
    }
  } finally {
    await plain.stop();
  }
  // The same raw calls against the loopback emulator: what its response path costs per request.
  const emulator = await startEmulatorProcess(1, false);
  try {
    const taskId = await someTask(emulator);
    const raw = (STRATEGIES[0] as CallStrategy).make(emulator, taskId);
    await measureCalls(raw, 300, concurrency);
    for (let r = 0; r < rounds; r++) {
      const before = emulator.cpuMs();
      await measureCalls(raw, calls, concurrency);
      serverCpu.emulator.push(((emulator.cpuMs() - before) * 1000) / calls);
    }
  } finally {
    await emulator.stop();
  }
  const client = STRATEGIES.map((strategy) => ({
    strategy: strategy.name,
    cpuUsPerCall: spread(perStrategy.get(strategy.name) ?? [], 1),
    ratioToRawFetch: spread(ratios.get(strategy.name) ?? [], 3),
  }));
  const servers = [
    { server: "plain node:http", cpuUsPerRequest: spread(serverCpu.plain, 1) },
    { server: "loopback emulator", cpuUsPerRequest: spread(serverCpu.emulator, 1) },
  ];
  const oursOverRawFetch = client.at(-1)?.ratioToRawFetch.median ?? Number.NaN;
  return {
    calls,
    concurrency,
    rounds,
    client,
    servers,
    emulatorOverPlain: round(quantile(serverCpu.emulator, 0.5) / quantile(serverCpu.plain, 0.5), 2),
    oursOverRawFetch,
    meetsTarget: oursOverRawFetch <= 1.3,
  };
}
