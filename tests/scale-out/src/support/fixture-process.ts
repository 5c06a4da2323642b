import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

/** A fixture script running in its own `node` process, and the JSON lines it printed. */
export interface FixtureProcess {
  readonly child: ChildProcess;
  readonly messages: Record<string, unknown>[];
  /** Resolves with the first message that satisfies `match`; rejects if the process exits first. */
  message(match: (message: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  /** SIGKILL: no cleanup, no goodbye, as a crash or an OOM kill. */
  kill(): Promise<void>;
  /** SIGTERM, then waits for the process to end by itself. */
  stop(): Promise<void>;
}

/** Starts `src/fixtures/<name>.mjs` with its configuration as one JSON argument. */
export function startFixture(name: string, config: object): FixtureProcess {
  const script = fileURLToPath(new URL(`../fixtures/${name}.mjs`, import.meta.url));
  const child = spawn(process.execPath, [script, JSON.stringify(config)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const messages: Record<string, unknown>[] = [];
  const waiting = new Set<() => void>();
  let buffer = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    buffer += chunk;
    for (let end = buffer.indexOf("\n"); end >= 0; end = buffer.indexOf("\n")) {
      messages.push(JSON.parse(buffer.slice(0, end)) as Record<string, unknown>);
      buffer = buffer.slice(end + 1);
    }
    for (const wake of [...waiting]) wake();
  });
  const exited = once(child, "exit");
  const ended = () => child.exitCode !== null || child.signalCode !== null;
  return {
    child,
    messages,
    message(match) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.find(match);
          if (found) {
            waiting.delete(check);
            resolve(found);
          } else if (ended()) {
            waiting.delete(check);
            reject(
              new Error(`fixture ${name} exited (${child.exitCode ?? child.signalCode}) before saying it`),
            );
          }
        };
        waiting.add(check);
        child.once("exit", check);
        check();
      });
    },
    async kill() {
      if (!ended()) child.kill("SIGKILL");
      await exited;
    },
    async stop() {
      if (!ended()) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Polls `probe` every 10 ms until it returns something other than `undefined`, for at most `timeoutMs`. */
export async function until<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A free loopback port, for a process that must be told its URL before it starts. */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === "object" && address ? address.port : 0;
}
