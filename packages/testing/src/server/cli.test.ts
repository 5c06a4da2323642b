import "../built-in-vendors.js";
import { afterEach, describe, expect, it } from "vitest";
import { apixoWire, textToImage } from "../test-support/apixo-wire-client.js";
import { runEmulatorCli } from "./cli.js";
import type { RunningEmulator } from "./loopback-server.js";

const started: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((emulator) => emulator.close()));
});

async function run(args: string[]) {
  let output = "";
  const emulator = await runEmulatorCli(args, { write: (text) => (output += text) });
  if (emulator) started.push(emulator);
  return { emulator, output };
}

describe("imagegen-emulator", () => {
  it("prints where each vendor lives and a curl to try", async () => {
    const { emulator, output } = await run(["--port", "0", "--time-scale", "0.01"]);
    expect(output).toContain(`imagegen emulator listening on ${emulator?.url} (time scale 0.01)`);
    expect(output).toContain(`apixo           ${emulator?.url}/api/v1`);
    expect(output).toContain(`xingchaoyiqing  ${emulator?.url}/kyyReactApiServer`);
    expect(output).toContain("API key         emulator-key");
    expect(output).toContain(`counters        ${emulator?.url}/__emulator/stats (and /tasks)`);
    expect(output).toContain(`curl -s -X POST ${emulator?.url}/api/v1/generateTask/nano-banana`);
  });

  it("passes its options to the emulators", async () => {
    const { emulator } = await run([
      "--port=0",
      "--vendors=apixo",
      "--api-key=k1",
      "--limits",
      "--duration=5000",
    ]);
    const wire = apixoWire(emulator?.apixo as RunningEmulator["apixo"], "k1");
    expect((await wire.submit(textToImage("a fox"))).status).toBe(200);
    expect(emulator?.apixo.task(emulator.apixo.tasks()[0]?.id ?? "")?.completedAt).toBe(
      (emulator?.apixo.tasks()[0]?.createdAt ?? 0) + 5_000,
    );
    expect(emulator?.xingchaoyiqing).toBeUndefined();
  });

  it("gives every task the --scenario, in the prompt marker's words", async () => {
    const { emulator } = await run([
      "--port=0",
      "--vendors=apixo",
      "--scenario",
      "fail=CONTENT_VIOLATION duration=0",
    ]);
    const wire = apixoWire(emulator?.apixo as RunningEmulator["apixo"]);
    const { data } = (await (await wire.submit(textToImage("a fox"))).json()) as { data: { taskId: string } };
    const status = (await (await wire.status(data.taskId)).json()) as { data: Record<string, unknown> };
    expect(status.data).toMatchObject({ state: "failed", failCode: "CONTENT_VIOLATION" });
  });

  it("prints help and starts nothing for --help", async () => {
    const { emulator, output } = await run(["--help"]);
    expect(emulator).toBeUndefined();
    expect(output).toMatch(/^Usage: imagegen-emulator/);
  });

  it.each([
    [["--vendors", "apixo,midjourney"], 'unknown vendor "midjourney"; choose from apixo, xingchaoyiqing'],
    [["--time-scale", "fast"], '--time-scale needs a number, got "fast"'],
    [["--frobnicate"], "Unknown option '--frobnicate'"],
    [["--scenario", "status=500"], "--scenario takes task directives only"],
    [["--scenario", "explode"], 'unknown emulator directive "explode"'],
  ])("refuses %j", async (args, message) => {
    await expect(run(["--port", "0", ...args])).rejects.toThrow(message);
  });
});
