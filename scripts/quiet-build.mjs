#!/usr/bin/env node
// Builds what a root command runs (`pnpm demo`, `pnpm demo:web`, …) before it runs, without turbo's banner:
// its run summary, version and telemetry notice would come before the program's own first line. What turbo
// printed is shown only when the build fails.
//   node scripts/quiet-build.mjs <turbo filter>…
import { spawn } from "node:child_process";
import { createRequire } from "node:module";

const filters = process.argv.slice(2).map((filter) => `--filter=${filter}`);
const turbo = createRequire(import.meta.url).resolve("turbo/bin/turbo");
const env = { TURBO_TELEMETRY_DISABLED: "1", ...process.env };
const child = spawn(process.execPath, [turbo, "run", "build", ...filters, "--output-logs=errors-only"], {
  env,
  stdio: ["ignore", "pipe", "pipe"],
});
const output = [];
child.stdout.on("data", (chunk) => output.push(chunk));
child.stderr.on("data", (chunk) => output.push(chunk));
child.once("close", (code, signal) => {
  if (code === 0) return;
  process.stderr.write(Buffer.concat(output));
  process.exitCode = code ?? 1;
  if (signal) process.stderr.write(`turbo ended by ${signal}\n`);
});
