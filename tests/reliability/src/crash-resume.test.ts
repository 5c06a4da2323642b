import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type RunningEmulator, startEmulator } from "@org/imagegen-testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReliabilityRow } from "./support/rows.js";

const WORKER = fileURLToPath(new URL("./fixtures/worker.mjs", import.meta.url));

function worker(args: string[]): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [WORKER, ...args], { stdio: ["ignore", "pipe", "inherit"] });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  return { child, output: () => output };
}

let emulator: RunningEmulator<"apixo">;
let dir: string;
beforeAll(async () => {
  // Every task takes 3 s of real time, long enough to kill the first process mid-wait.
  emulator = await startEmulator({ vendors: ["apixo"], durationMs: 3_000 });
  dir = await mkdtemp(join(tmpdir(), "imagegen-crash-"));
});
afterAll(async () => {
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

describe("crash and resume", () => {
  it("a process killed mid-wait loses nothing: another resumes from the saved handle, with one submit", async ({
    task,
  }) => {
    const handleFile = join(dir, "task.json");
    const args = [emulator.apixo.baseUrl, emulator.apixo.apiKey, handleFile];
    const first = worker(["submit", ...args]);
    await new Promise<void>((resolve, reject) => {
      first.child.stdout?.on("data", () => first.output().includes("saved") && resolve());
      first.child.once("exit", () => reject(new Error("the first process ended before saving its handle")));
    });
    first.child.kill("SIGKILL");
    await once(first.child, "exit");
    expect(emulator.apixo.tasks()[0]?.state).not.toBe("success"); // killed while the task still ran

    const second = worker(["resume", ...args]);
    // It must exit by itself: a timer or socket left behind would keep it alive until the hang guard.
    const [code] = await once(second.child, "exit");
    const result = JSON.parse(second.output());
    task.meta.reliability = {
      section: "check",
      group: "Crash and resume",
      check:
        "submit in one process, SIGKILL mid-wait, `wait(handle)` in a second process that exits by itself",
      outcome: `exit code ${code}, ${result.state} with ${result.images} image, ${emulator.apixo.stats().submits} submit`,
    } satisfies ReliabilityRow;
    expect(code).toBe(0);
    expect(result).toEqual({ taskId: emulator.apixo.tasks()[0]?.id, state: "succeeded", images: 1 });
    expect(emulator.apixo.stats().submits).toBe(1);
  });
});
