import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe } from "vitest";

/** A `redis-server` this process started on loopback, with persistence off. */
export interface RedisServer {
  readonly port: number;
  /** `redis://127.0.0.1:<port>`, for `new Redis(url)`. */
  readonly url: string;
  stop(): Promise<void>;
}

const BINARY = "redis-server";
let warned = false;

/** Whether Debian's `redis-server` (or any on PATH) can be run here. */
export function redisServerInstalled(): boolean {
  const probe = spawnSync(BINARY, ["--version"], { stdio: "ignore" });
  return probe.error === undefined && probe.status === 0;
}

/**
 * Starts a real `redis-server` on a free loopback port, nothing written to disk (`--save '' --appendonly no`),
 * and resolves once it accepts connections. The server is killed if this process exits first.
 */
export async function startRedisServer(): Promise<RedisServer> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const child = spawn(
      BINARY,
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--logfile", ""],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    try {
      await ready(child);
    } catch (error) {
      // Another process may have taken the port between the probe and the start; try another.
      if (attempt < 3) continue;
      throw error;
    }
    const killOnExit = () => child.kill("SIGKILL");
    process.once("exit", killOnExit);
    return {
      port,
      url: `redis://127.0.0.1:${port}`,
      async stop() {
        process.off("exit", killOnExit);
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill("SIGTERM");
        await once(child, "exit");
      },
    };
  }
}

/**
 * `describe` for tests that need a real Redis: starts one server for the block and stops it after. Without
 * `redis-server` the block is skipped with one line saying why, except in CI (`CI=true`), where that fails.
 */
export function describeWithRedis(name: string, body: (server: () => RedisServer) => void): void {
  if (!redisServerInstalled()) {
    if (process.env.CI === "true") {
      throw new Error(`${BINARY} is not installed; CI must install it (apt-get install redis-server).`);
    }
    if (!warned) {
      warned = true;
      process.stderr.write(
        `Skipping the Redis tests: ${BINARY} is not on PATH (apt-get install redis-server).\n`,
      );
    }
    describe.skip(name, () => body(() => notStarted()));
    return;
  }
  describe(name, () => {
    let server: RedisServer | undefined;
    beforeAll(async () => {
      server = await startRedisServer();
    });
    afterAll(async () => {
      await server?.stop();
    });
    body(() => server ?? notStarted());
  });
}

function notStarted(): never {
  throw new Error("The Redis server has not started: use it inside a test or a hook.");
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function ready(child: ChildProcess): Promise<void> {
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${BINARY} did not start within 10 s:\n${output}`));
    }, 10_000);
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (output.includes("Ready to accept connections")) {
        clearTimeout(timer);
        child.stdout?.off("data", onData);
        child.stdout?.resume();
        child.stderr?.resume();
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk;
    });
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${BINARY} exited with code ${code} before it was ready:\n${output}`));
    });
  });
}
