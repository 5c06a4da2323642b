import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { EMULATOR_API_KEY, loopbackPath } from "@org/imagegen-testing";

export interface ServerProcess {
  /** The server's origin, e.g. `http://127.0.0.1:4010`. */
  origin: string;
  /** User + system CPU the server process has used so far, in ms (NaN where /proc is not there). */
  cpuMs(): number;
  stop(): Promise<void>;
}

export interface EmulatorProcess extends ServerProcess {
  baseUrl: string;
  apiKey: string;
}

/** Starts a Node script that prints `listening on <origin>`, in a child process of its own. */
export async function startServerProcess(script: string, args: readonly string[]): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, [script, ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  const origin = await new Promise<string>((resolve, reject) => {
    child.stdout?.on("data", (chunk) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once("exit", () => reject(new Error(`${script} exited:\n${output}`)));
  });
  return {
    origin,
    cpuMs: () => processCpuMs(child.pid),
    async stop() {
      child.kill("SIGTERM");
      if (child.exitCode === null && child.signalCode === null) await once(child, "exit");
    },
  };
}

/**
 * The APIXO emulator, with the vendor's quotas on unless told otherwise, in a child process: its CPU time is not counted as the
 * client's, and each run gets a fresh rate-limit window.
 */
export async function startEmulatorProcess(timeScale: number, limits = true): Promise<EmulatorProcess> {
  const bin = join(
    dirname(createRequire(import.meta.url).resolve("@org/imagegen-testing/package.json")),
    "dist/bin.js",
  );
  const args = ["--port", "0", "--vendors", "apixo", "--time-scale", String(timeScale)];
  if (limits) args.push("--limits");
  const server = await startServerProcess(bin, args);
  return { ...server, baseUrl: `${server.origin}${loopbackPath("apixo")}`, apiKey: EMULATOR_API_KEY };
}

/** A plain `node:http` server answering APIXO's calls with fixed bodies (`plain-server.ts`). */
export async function startPlainServer(): Promise<EmulatorProcess> {
  const server = await startServerProcess(fileURLToPath(new URL("plain-server.js", import.meta.url)), []);
  return { ...server, baseUrl: `${server.origin}${loopbackPath("apixo")}`, apiKey: EMULATOR_API_KEY };
}

/** utime + stime of a process, from /proc (Linux); clock ticks are 100 per second there. */
function processCpuMs(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}
