import { parseArgs } from "node:util";
import { parseDirectives, type Scenario } from "../engine/directives.js";
import type { Emulator } from "../engine/emulator.js";
import { type EmulatorVendor, emulatorVendor, emulatorVendors } from "../vendors/emulator-vendor.js";
import { type RunningEmulator, startEmulator, type VendorEmulatorOptions } from "./loopback-server.js";

// Built from the registry when asked for, so a vendor registered before the CLI runs (`node --import`) is offered.
const usage = (vendors: readonly EmulatorVendor[]) => `Usage: imagegen-emulator [options]

Serves emulators of the ${vendors.map((vendor) => vendor.label).join(", ")} image APIs on loopback.

Options:
  --port <n>          port to listen on (default 4010; 0 picks a free one)
  --host <addr>       interface to listen on (default 127.0.0.1)
  --vendors <list>    ${vendors.map((vendor) => vendor.id).join(",")} (default all)
  --time-scale <x>    multiply every emulated duration (default 1: the documented pace)
  --duration <ms>     emulated time every task takes, instead of the documented latency
  --scenario <text>   what every task does, in the prompt marker's words, e.g. "fail=TIMEOUT" or "never"
  --limits            enforce the quotas each vendor documents${limitsText(vendors)}
  --api-key <key>     the key to accept (default emulator-key)
  --seed <n>          seed for task latencies (default 1; task ids never repeat)
  -h, --help          show this help
`;

function limitsText(vendors: readonly EmulatorVendor[]): string {
  const limited = vendors.flatMap(({ label, limits }) =>
    limits
      ? [`${label}: ${limits.requestsPerMinute} requests/min, ${limits.concurrentTasks} concurrent tasks`]
      : [],
  );
  return limited.length > 0 ? ` (${limited.join("; ")})` : "";
}

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
      vendors: { type: "string" },
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
    io.write(usage(emulatorVendors()));
    return undefined;
  }
  const vendors = (values.vendors?.split(",") ?? emulatorVendors().map((vendor) => vendor.id))
    .map((name) => name.trim())
    .map(emulatorVendor);
  const perVendor: Record<string, VendorEmulatorOptions> = {};
  for (const { id, limits } of vendors) if (values.limits && limits) perVendor[id] = { limits };
  const running = await startEmulator<string>({
    port: number("--port", values.port),
    host: values.host,
    vendors: vendors.map((vendor) => vendor.id),
    timeScale: number("--time-scale", values["time-scale"]),
    seed: number("--seed", values.seed),
    ...(values.duration !== undefined && { durationMs: number("--duration", values.duration) }),
    ...(values["api-key"] !== undefined && { apiKey: values["api-key"] }),
    ...(values.scenario !== undefined && { scenario: scenario(values.scenario) }),
    perVendor,
  });
  io.write(describe(running, vendors, values["time-scale"]));
  // Typed for the built-in vendors, as `startEmulator()` is; `emulators` holds whichever were served.
  return running as unknown as RunningEmulator;
}

function describe(
  running: RunningEmulator<string>,
  vendors: readonly EmulatorVendor[],
  timeScale: string,
): string {
  const lines = [`imagegen emulator listening on ${running.url} (time scale ${timeScale})`];
  const served = vendors.map((vendor) => ({ vendor, emulator: running.emulators[vendor.id] as Emulator }));
  for (const { vendor, emulator } of served) lines.push(`  ${vendor.id.padEnd(15)} ${emulator.baseUrl}`);
  lines.push(`  API key         ${served[0]?.emulator.apiKey}`);
  lines.push(`  counters        ${running.url}/__emulator/stats (and /tasks)`);
  // The first vendor that shows a first call shows it: one example is enough to start from.
  const example = served.find(({ vendor }) => vendor.example)?.vendor;
  if (example?.example) lines.push("", "Try:", example.example(running.emulators[example.id] as Emulator));
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
