import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

export const DIST = fileURLToPath(new URL("../../dist/", import.meta.url));

/** The environment of a user with no API key and no model set; the emulator runs fast for tests. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    IMAGEGEN_EMULATOR_TIME_SCALE: "0.01",
    NO_COLOR: "1",
    ...extra,
  };
  const settings = [
    "APIXO_API_KEY",
    "XINGCHAOYIQING_API_KEY",
    "XINGCHAOYIQING_BASE_URL",
    "APIXO_BASE_URL",
    "PORT",
    "IMAGEGEN_MODEL",
    "IMAGEGEN_EMULATOR_URL",
  ];
  for (const name of settings) {
    if (!(name in extra)) delete env[name];
  }
  return env;
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface Running {
  child: ChildProcess;
  /** Resolves once stderr contains `text` (rejects if the process ends first). */
  stderrContains(text: string | RegExp): Promise<string>;
  finished: Promise<Finished>;
}

/** Starts one of the demo's built entry points as a user would, with piped (non-TTY) output. */
export function start(entry: "cli.js" | "web.js", args: string[], env = cleanEnv()): Running {
  const child = spawn(process.execPath, [`${DIST}${entry}`, ...args], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  const finished = once(child, "close").then(([code]) => ({ code: code as number | null, stdout, stderr }));
  const stderrContains = (text: string | RegExp) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const found = typeof text === "string" ? stderr.includes(text) : text.test(stderr);
        if (!found) return;
        child.stderr?.off("data", check);
        resolve(stderr);
      };
      child.stderr?.on("data", check);
      check();
      finished.then(() => reject(new Error(`exited before printing ${text}:\n${stderr}`)));
    });
  return { child, stderrContains, finished };
}

export function runCli(args: string[], env = cleanEnv()): Promise<Finished> {
  return start("cli.js", args, env).finished;
}
