import { spawn } from "node:child_process";

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command to its end and returns what it printed; a failing exit is a result, not a throw, so a test can
 * show the output. The `npm_*` variables pnpm sets for its own scripts are left out: npm would read them as its
 * own config (a user agent, unknown settings). `extraEnv` is set on top, e.g. the settings a program reads.
 */
export function run(
  command: string,
  args: readonly string[],
  cwd: string,
  extraEnv: Record<string, string> = {},
): Promise<Ran> {
  const env = {
    ...Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !name.startsWith("npm_") && !name.startsWith("pnpm_")),
    ),
    ...extraEnv,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Like `run`, but a failing exit throws with everything the command printed. */
export async function runOrThrow(command: string, args: readonly string[], cwd: string): Promise<string> {
  const ran = await run(command, args, cwd);
  if (ran.code !== 0) {
    throw new Error(
      `${command} ${args.join(" ")} exited with ${ran.code} in ${cwd}:\n${ran.stdout}${ran.stderr}`,
    );
  }
  return ran.stdout;
}
