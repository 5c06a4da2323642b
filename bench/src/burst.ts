import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { startEmulatorProcess } from "./emulator-process.js";

const run = promisify(execFile);

export interface BurstResult {
  submits: number;
  answered: number;
  /** The emulator's listen backlog and the most connections seen waiting in it (Linux `ss`; null elsewhere). */
  backlog: number | null;
  peakAcceptQueue: number | null;
  /**
   * Listen-queue overflows the kernel counted meanwhile, on every socket of the machine (Linux; null
   * elsewhere): other programs' servers count here too.
   */
  machineListenOverflows: number | null;
  /** Why submits failed, by message. */
  failures: Record<string, number>;
  wallMs: number;
}

/** The kernel's count of listen-queue overflows on this machine (all sockets), from /proc (Linux). */
function listenOverflows(): number | undefined {
  try {
    const lines = readFileSync("/proc/net/netstat", "utf8").split("\n");
    const names = lines.find((line) => line.startsWith("TcpExt:"))?.split(" ") ?? [];
    const values = lines.filter((line) => line.startsWith("TcpExt:"))[1]?.split(" ") ?? [];
    const at = names.indexOf("ListenOverflows");
    return at > 0 ? Number(values[at]) : undefined;
  } catch {
    return undefined;
  }
}

/** The accept queue of the listening socket on `port`: connections waiting, and the backlog (`ss -ltn`). */
async function acceptQueue(port: string): Promise<{ waiting: number; backlog: number } | undefined> {
  try {
    const { stdout } = await run("ss", ["-ltnH", `sport = :${port}`]);
    const [, waiting, backlog] = stdout.trim().split(/\s+/);
    return { waiting: Number(waiting), backlog: Number(backlog) };
  } catch {
    return undefined;
  }
}

/**
 * `submits` submits at once, each on its own connection, against the APIXO emulator (quotas off) in a child
 * process: whether its listen queue holds a burst as large as a load test makes.
 */
export async function burst({ submits = 5_000 } = {}): Promise<BurstResult> {
  const emulator = await startEmulatorProcess(1, false);
  try {
    const headers = { authorization: `Bearer ${emulator.apiKey}`, "content-type": "application/json" };
    const before = listenOverflows();
    const port = new URL(emulator.origin).port;
    let queue = await acceptQueue(port);
    let peak = queue?.waiting ?? Number.NaN;
    let sampling = queue !== undefined;
    const sampler = (async () => {
      while (sampling) {
        queue = await acceptQueue(port);
        peak = Math.max(peak, queue?.waiting ?? 0);
      }
    })();
    const started = performance.now();
    const outcomes = await Promise.allSettled(
      Array.from({ length: submits }, async (_, i) => {
        const response = await fetch(`${emulator.baseUrl}/generateTask/nano-banana`, {
          method: "POST",
          headers,
          body: JSON.stringify({
            request_type: "async",
            input: { mode: "text-to-image", prompt: `a fox #${i}` },
          }),
        });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return response.json();
      }),
    );
    const wallMs = Math.round(performance.now() - started);
    sampling = false;
    await sampler;
    const after = listenOverflows();
    const failures: Record<string, number> = {};
    for (const outcome of outcomes) {
      if (outcome.status === "fulfilled") continue;
      const error = outcome.reason as Error & { cause?: { code?: string } };
      const key = `${error.message}${error.cause?.code ? ` (${error.cause.code})` : ""}`;
      failures[key] = (failures[key] ?? 0) + 1;
    }
    return {
      submits,
      answered: outcomes.filter((outcome) => outcome.status === "fulfilled").length,
      backlog: queue?.backlog ?? null,
      peakAcceptQueue: Number.isNaN(peak) ? null : peak,
      machineListenOverflows: before === undefined || after === undefined ? null : after - before,
      failures,
      wallMs,
    };
  } finally {
    await emulator.stop();
  }
}
