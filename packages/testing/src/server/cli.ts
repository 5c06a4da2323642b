import { parseArgs } from "node:util";
import { parseDirectives, type Scenario } from "../engine/directives.js";
import { type RunningEmulator, startEmulator, type VendorId } from "./loopback-server.js";

const USAGE = `Usage: imagegen-emulator [options]

Serves emulators of the APIXO and xingchaoyiqing image APIs on loopback.

Options:
  --port <n>          port to listen on (default 4010; 0 picks a free one)
  --host <addr>       interface to listen on (default 127.0.0.1)
  --vendors <list>    apixo,xingchaoyiqing (default both)
  --time-scale <x>    multiply every emulated duration (default 1: the documented pace)
  --duration <ms>     emulated time every task takes, instead of the documented latency
  --scenario <text>   what every task does, in the prompt marker's words, e.g. "fail=TIMEOUT" or "never"
  --limits            enforce APIXO's quotas (10,000 requests/min, 1,000 concurrent tasks)
  --api-key <key>     the key to accept (default emulator-key)
  --seed <n>          seed for task latencies (default 1; task ids never repeat)
  -h, --help          show this help
`;

const VENDORS: readonly VendorId[] = ["apixo", "xingchaoyiqing"];

export interface CliIo {
  write(text: string): void;
}

/** Parses the arguments and starts the emulator; returns undefined after printing help. */
export async function runEmulatorCli(
  argv: readonly string[],
  io: CliIo,
): Promise<RunningEmulator | undefined> {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      port: { type: "string", default: "4010" },
      host: { type: "string", default: "127.0.0.1" },
      vendors: { type: "string", default: VENDORS.join(",") },
      "time-scale": { type: "string", default: "1" },
      duration: { type: "string" },
      scenario: { type: "string" },
      limits: { type: "boolean", default: false },
      "api-key": { type: "string" },
      seed: { type: "string", default: "1" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.write(USAGE);
    return undefined;
  }
  const vendors = values.vendors.split(",").map((name) => name.trim());
  const unknown = vendors.find((name) => !VENDORS.includes(name as VendorId));
  if (unknown !== undefined)
    throw new Error(`unknown vendor "${unknown}"; choose from ${VENDORS.join(", ")}`);
  const running = await startEmulator({
    port: number("--port", values.port),
    host: values.host,
    vendors: vendors as VendorId[],
    timeScale: number("--time-scale", values["time-scale"]),
    seed: number("--seed", values.seed),
    ...(values.duration !== undefined && { durationMs: number("--duration", values.duration) }),
    ...(values["api-key"] !== undefined && { apiKey: values["api-key"] }),
    ...(values.scenario !== undefined && { scenario: scenario(values.scenario) }),
    apixo: { limits: values.limits },
  });
  io.write(describe(running as Partial<RunningEmulator> & { url: string }, values["time-scale"]));
  return running;
}

function describe(running: Partial<RunningEmulator> & { url: string }, timeScale: string): string {
  const lines = [`imagegen emulator listening on ${running.url} (time scale ${timeScale})`];
  for (const vendor of VENDORS) {
    const emulator = running[vendor];
    if (emulator) lines.push(`  ${vendor.padEnd(15)} ${emulator.baseUrl}`);
  }
  const key = (running.apixo ?? running.xingchaoyiqing)?.apiKey;
  lines.push(`  API key         ${key}`, `  counters        ${running.url}/__emulator/stats (and /tasks)`);
  if (running.apixo) {
    lines.push(
      "",
      "Try:",
      `  curl -s -X POST ${running.apixo.baseUrl}/generateTask/nano-banana \\`,
      `    -H "Authorization: Bearer ${key}" -H "Content-Type: application/json" \\`,
      `    -d '{"request_type":"async","input":{"mode":"text-to-image","prompt":"a fox in watercolor"}}'`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/** A scenario in the marker's grammar; per-call faults belong to a prompt or to `inject`, not to every task. */
function scenario(text: string): Scenario {
  const { submit, status, ...rest } = parseDirectives(`[emulator: ${text}]`);
  if (submit || status)
    throw new Error("--scenario takes task directives only (fail, duration, never, states, result, image)");
  return rest;
}

function number(flag: string, value: string): number {
  const parsed = Number(value);
  if (value.trim() === "" || !Number.isFinite(parsed))
    throw new Error(`${flag} needs a number, got "${value}"`);
  return parsed;
}
