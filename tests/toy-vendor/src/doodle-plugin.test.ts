import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createImageClient } from "@org/imagegen-core";
import { EMULATOR_API_KEY, startEmulator } from "@org/imagegen-testing";
import { afterAll, describe, expect, it } from "vitest";
import { doodle } from "./doodle-adapter.js";
import { unregisterDoodle } from "./register.js";
import { DEMO_CLI, EMULATOR_BIN, runNode } from "./test-support/plugin-process.js";

// Registered by importing ./register.js above, as a user's setup file would; the subprocesses load the same
// file with `node --import`. Nothing outside this folder knows Doodle.
afterAll(() => unregisterDoodle());

// Real processes and real loopback sockets: generous limits for two busy cores, never a sleep.
const SLOW = { timeout: 60_000 };

describe("the loopback server serves a registered vendor", SLOW, () => {
  it("Doodle under its documented path, beside the built-in vendors", async () => {
    const running = await startEmulator({ timeScale: 0.001 });
    try {
      const index = (await (await fetch(running.url)).json()) as Record<string, { baseUrl: string }>;
      expect(Object.keys(index)).toEqual(expect.arrayContaining(["apixo", "xingchaoyiqing", "doodle"]));
      expect(index.doodle?.baseUrl).toBe(`${running.url}/toy/v1`);
    } finally {
      await running.close();
    }
  });

  it("a client with the Doodle adapter generates an image through it", async () => {
    const running = await startEmulator({ vendors: ["doodle"], timeScale: 0.001 });
    try {
      const client = createImageClient({
        providers: { doodle: doodle(running.doodle.providerSettings) },
        ...running.clientOptions,
      });
      const result = await client.generate({ model: "doodle:doodle", prompt: "a fox", aspectRatio: "16:9" });
      expect(result.images).toHaveLength(1);
      expect(running.doodle.tasks()[0]?.request).toEqual({ prompt: "a fox", shape: "wide" });
    } finally {
      await running.close();
    }
  });
});

describe("the imagegen-emulator CLI", SLOW, () => {
  it("serves Doodle when the plug-in is loaded with node --import", async () => {
    // The documented pace: a drawing stays unfinished for seconds, whatever the machine's load.
    const run = runNode(EMULATOR_BIN, ["--port", "0", "--vendors", "doodle"], true);
    try {
      const [, baseUrl = ""] = await run.stdoutMatching(/^ {2}doodle +(http:\/\/\S+)$/m);
      expect(await run.stdoutMatching(/Try:\n {2}curl -s -X POST \S+\/drawings/)).toBeTruthy();
      const headers = { authorization: `Bearer ${EMULATOR_API_KEY}`, "content-type": "application/json" };
      const created = await fetch(`${baseUrl}/drawings`, {
        method: "POST",
        headers,
        body: JSON.stringify({ prompt: "a fox" }),
      });
      const { drawing } = (await created.json()) as { drawing: { id: string; state: string } };
      expect(drawing).toMatchObject({ id: expect.stringMatching(/^dr_/), state: "waiting" });
      const status = await fetch(`${baseUrl}/drawings/${drawing.id}`, { headers });
      const polled = (await status.json()) as { drawing: { id: string; state: string } };
      expect(polled.drawing).toMatchObject({
        id: drawing.id,
        state: expect.stringMatching(/^(waiting|drawing|ready)$/),
      });
    } finally {
      run.child.kill("SIGTERM");
      await run.finished;
    }
  });

  it("without the plug-in, does not know Doodle", async () => {
    const { code, stderr } = await runNode(EMULATOR_BIN, ["--port", "0", "--vendors", "doodle"], false)
      .finished;
    expect(code).toBe(2);
    expect(stderr).toContain('unknown vendor "doodle"; choose from apixo, xingchaoyiqing');
  });
});

describe("the demo", SLOW, () => {
  const modelIds = async (plugin: boolean) => {
    const { code, stdout, stderr } = await runNode(DEMO_CLI, ["models", "--json"], plugin).finished;
    expect(code, stderr).toBe(0);
    return (JSON.parse(stdout) as { id: string }[]).map((model) => model.id);
  };

  it("models lists Doodle when the plug-in is registered, and only then", async () => {
    expect(await modelIds(true)).toEqual(expect.arrayContaining(["doodle:doodle", "apixo:nano-banana"]));
    expect(await modelIds(false)).not.toContain("doodle:doodle");
  });

  it("generates with --model doodle:doodle on the built-in emulator, saying so", async () => {
    const out = await mkdtemp(join(tmpdir(), "doodle-demo-"));
    try {
      const args = ["a fox", "--model", "doodle:doodle", "--out", out, "--json"];
      const { code, stdout, stderr } = await runNode(DEMO_CLI, args, true).finished;
      expect(code, stderr).toBe(0);
      expect(stderr).toContain("No DOODLE_API_KEY set: using the built-in Doodle emulator");
      const report = JSON.parse(stdout) as { state: string; images: { file: string }[] };
      expect(report.state).toBe("succeeded");
      const png = await readFile(report.images[0]?.file ?? "");
      expect(png.subarray(1, 4).toString()).toBe("PNG");
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
