#!/usr/bin/env node
import { Command, InvalidArgumentError, Option } from "commander";
import { startDemoServer } from "./demo-server.js";

const port = (value: string) => {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 65535)
    throw new InvalidArgumentError("not a port.");
  return number;
};

const {
  port: listen,
  host,
  out,
  callback,
} = new Command("imagegen-web")
  .description("The demo as a web page: a prompt form, live progress and a gallery.")
  .addOption(
    new Option("-p, --port <port>", "port to listen on (0 picks a free one)")
      .env("PORT")
      .argParser(port)
      .default(3000),
  )
  .option("--host <addr>", "interface to listen on", "127.0.0.1")
  .option("-o, --out <dir>", "folder the gallery is saved in", "out/web")
  .option("--callback", "let vendors call back (webhook mode) instead of polling", false)
  .parse()
  .opts<{ port: number; host: string; out: string; callback: boolean }>();

const server = await startDemoServer({
  port: listen,
  host,
  outDir: out,
  callback,
  onCallback: (status) => process.stderr.write(`callback: task ${status.taskId} is ${status.state}\n`),
}).catch((error: unknown) => {
  // A port in use is the user's to fix, in one line: a stack trace would bury what to do.
  if ((error as { code?: unknown }).code !== "EADDRINUSE") throw error;
  process.stderr.write(
    `Port ${listen} on ${host} is in use. Choose another with --port <n> (or PORT=<n>), or --port 0 for a free one.\n`,
  );
  process.exit(1);
});
process.stderr.write(`imagegen demo on ${server.url}\n`);
if (server.notice) process.stderr.write(`${server.notice}\n`);
if (callback)
  process.stderr.write(`callback mode: vendors that have callbacks report to ${server.url}/callback\n`);
const stop = () => {
  server.close().then(() => process.exit(0));
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
