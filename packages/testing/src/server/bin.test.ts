import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The committed bin users run, which loads the built one.
const BIN = fileURLToPath(new URL("../../bin/imagegen-emulator.js", import.meta.url));

describe("the imagegen-emulator bin (built)", { timeout: 20_000 }, () => {
  it("serves until SIGTERM, then exits 0", async () => {
    const child = spawn(process.execPath, [BIN, "--port", "0", "--vendors", "apixo"], { stdio: "pipe" });
    let output = "";
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (chunk) => {
        output += chunk;
        const match = /listening on (http:\/\/\S+)/.exec(output);
        if (match?.[1]) resolve(match[1]);
      });
      child.once("exit", (code) => reject(new Error(`exited with ${code}: ${output}`)));
    });
    const index = (await (await fetch(url)).json()) as Record<string, unknown>;
    expect(Object.keys(index)).toEqual(["apixo"]);
    child.kill("SIGTERM");
    const [code] = await once(child, "exit");
    expect(code).toBe(0);
  });

  it("exits 2 with a one-line reason on a bad flag", async () => {
    const child = spawn(process.execPath, [BIN, "--vendors", "acme"], { stdio: "pipe" });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const [code] = await once(child, "exit");
    expect(code).toBe(2);
    expect(stderr).toBe('imagegen-emulator: unknown vendor "acme"; choose from apixo, xingchaoyiqing\n');
  });
});
