import { once } from "node:events";
import { createServer, type Server } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { cleanEnv, start } from "../test-support/processes.js";

let taken: Server | undefined;
afterEach(async () => {
  taken?.close();
  taken = undefined;
});

async function takePort(): Promise<number> {
  taken = createServer();
  taken.listen(0, "127.0.0.1");
  await once(taken, "listening");
  return (taken.address() as { port: number }).port;
}

describe("the web demo's port", () => {
  it("busy: one line naming the port and how to choose another, a non-zero exit, no stack", async () => {
    const port = await takePort();
    const run = await start("web.js", ["--port", String(port)]).finished;
    expect(run.code).not.toBe(0);
    expect(run.stderr.trim().split("\n")).toEqual([
      `Port ${port} on 127.0.0.1 is in use. Choose another with --port <n> (or PORT=<n>), or --port 0 for a free one.`,
    ]);
  });

  it("comes from PORT when --port is not given", async () => {
    const port = await takePort();
    const run = await start("web.js", [], cleanEnv({ PORT: String(port) })).finished;
    expect(run.stderr).toContain(`Port ${port} on 127.0.0.1 is in use.`);
  });
});
