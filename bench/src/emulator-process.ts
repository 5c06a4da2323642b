import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { EMULATOR_API_KEY, LOOPBACK_PATHS } from "@org/imagegen-testing";

export interface EmulatorProcess {
  baseUrl: string;
  apiKey: string;
  stop(): Promise<void>;
}

/**
 * The APIXO emulator with the vendor's quotas on, in a child process: its CPU time is not counted as the
 * client's, and each run gets a fresh rate-limit window.
 */
export async function startEmulatorProcess(timeScale: number, limits = true): Promise<EmulatorProcess> {
  const bin = join(
    dirname(createRequire(import.meta.url).resolve("@org/imagegen-testing/package.json")),
    "dist/bin.js",
  );
  const args = [
    "--port",
    "0",
    "--vendors",
    "apixo",
    ...(limits ? ["--limits"] : []),
    "--time-scale",
    String(timeScale),
  ];
  const child: ChildProcess = spawn(process.execPath, [bin, ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  const origin = await new Promise<string>((resolve, reject) => {
    child.stdout?.on("data", (chunk) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once("exit", () => reject(new Error(`the emulator exited:\n${output}`)));
  });
  return {
    baseUrl: `${origin}${LOOPBACK_PATHS.apixo}`,
    apiKey: EMULATOR_API_KEY,
    async stop() {
      child.kill("SIGTERM");
      if (child.exitCode === null) await once(child, "exit");
    },
  };
}
