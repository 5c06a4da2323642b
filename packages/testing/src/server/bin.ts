#!/usr/bin/env node
import "../built-in-vendors.js";
import { runEmulatorCli } from "./cli.js";

const io = { write: (text: string) => process.stdout.write(text) };

runEmulatorCli(process.argv.slice(2), io).then(
  (running) => {
    if (running === undefined) return;
    const stop = () => {
      running.close().then(() => process.exit(0));
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  },
  (error: unknown) => {
    process.stderr.write(`imagegen-emulator: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
