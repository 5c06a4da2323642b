import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/** The built tools, as a user runs them. */
export const EMULATOR_BIN = join(packageDir("@org/imagegen-testing"), "bin", "imagegen-emulator.js");
export const DEMO_CLI = join(packageDir("@org/imagegen-demo"), "dist", "cli.js");
/** The plug-in, for `node --import`. */
export const DOODLE_PLUGIN = pathToFileURL(join(import.meta.dirname, "..", "register.js")).href;

/** A user's environment with no vendor key and no model set; the demo's emulator runs fast. */
export function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", IMAGEGEN_EMULATOR_TIME_SCALE: "0.01" };
  for (const name of Object.keys(env)) {
    if (/_API_KEY$|_BASE_URL$|^IMAGEGEN_(MODEL|EMULATOR_URL)$/.test(name)) delete env[name];
  }
  return env;
}

export interface NodeRun {
  child: ChildProcess;
  /** Resolves with stdout once it matches `pattern`; rejects if the process ends first. */
  stdoutMatching(pattern: RegExp): Promise<RegExpMatchArray>;
  finished: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/** Runs `script` in a new Node, with the Doodle plug-in loaded first when `plugin` is true. */
export function runNode(script: string, args: string[], plugin: boolean): NodeRun {
  const flags = plugin ? ["--import", DOODLE_PLUGIN] : [];
  const child = spawn(process.execPath, [...flags, script, ...args], {
    env: cleanEnv(),
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
  const stdoutMatching = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(stdout);
        if (match) resolve(match);
      };
      child.stdout?.on("data", check);
      check();
      finished.then(() => reject(new Error(`exited before printing ${pattern}:\n${stdout}\n${stderr}`)));
    });
  return { child, stdoutMatching, finished };
}
