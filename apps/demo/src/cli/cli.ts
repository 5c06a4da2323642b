#!/usr/bin/env node
import { ImageGenError } from "@org/imagegen-core";
import { Command, InvalidArgumentError, Option } from "commander";
import pc from "picocolors";
import { DEFAULT_MODEL } from "../shared/demo-setup.js";
import { type CommandContext, generate, models, resume, status } from "./commands.js";

const controller = new AbortController();
const context: CommandContext = {
  signal: controller.signal,
  invokedAs: process.env.npm_lifecycle_event === "demo" ? "pnpm demo" : "imagegen",
};
process.on("SIGINT", () => {
  if (controller.signal.aborted) process.exit(130); // a second Ctrl-C does not wait for the clean-up
  controller.abort(new DOMException("Interrupted by the user.", "AbortError"));
});

const seconds = (value: string) => {
  const number = Number(value);
  if (!(number > 0)) throw new InvalidArgumentError("give a positive number of seconds.");
  return number * 1000;
};
const modelOption = () =>
  new Option(
    "-m, --model <provider:model>",
    `model to use (default: $IMAGEGEN_MODEL, else ${DEFAULT_MODEL})`,
  );
const outOption = () => new Option("-o, --out <dir>", "folder for images and handle files").default("out");
const jsonOption = () =>
  new Option("--json", "print one JSON object for scripts, no progress").default(false);
const timeoutOption = () =>
  new Option("--timeout <seconds>", "give up waiting after this long (the task can be resumed)").argParser(
    seconds,
  );

const program = new Command("imagegen")
  .description(
    "Generate images through one interface for several vendors. Set APIXO_API_KEY or XINGCHAOYIQING_API_KEY " +
      "to use the real vendor; without a key the built-in emulator answers.",
  )
  .showHelpAfterError();

program
  .command("generate", { isDefault: true })
  .description("submit a prompt, show progress, save the images")
  .argument("<prompt...>", "what to draw")
  .addOption(modelOption())
  .option("-a, --aspect-ratio <ratio>", "e.g. 1:1, 16:9, 9:16 (see `models`)")
  .option("-r, --resolution <res>", "1K, 2K or 4K where the model has them")
  .option("-f, --format <format>", "png or jpeg where the model has them")
  .option("--ref <url>", "reference image URL, repeat for more (makes it image-to-image)", collect, [])
  .addOption(outOption())
  .addOption(jsonOption())
  .addOption(timeoutOption())
  .action((words, flags) => run(() => generate(words, flags, context)));

program
  .command("models")
  .description("list every configured model and what it can do")
  .addOption(jsonOption())
  .action((flags) => run(() => models(flags, context)));

program
  .command("status")
  .description("check a saved task once")
  .argument("<handle-file>", "the .handle.json file that generate saved")
  .addOption(jsonOption())
  .action((file, flags) => run(() => status(file, flags, context)));

program
  .command("resume")
  .description("wait for a saved task (e.g. after Ctrl-C) and save its images")
  .argument("<handle-file>", "the .handle.json file that generate saved")
  .addOption(outOption())
  .addOption(jsonOption())
  .addOption(timeoutOption())
  .action((file, flags) => run(() => resume(file, flags, context)));

await program.parseAsync();

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

async function run(command: () => Promise<unknown>): Promise<void> {
  try {
    await command();
  } catch (error) {
    process.exitCode = explain(error);
  } finally {
    await context.setup?.close();
  }
}

/** Prints what went wrong and what to do next; returns the exit code. */
function explain(error: unknown): number {
  const say = (text: string) => process.stderr.write(`${text}\n`);
  const resumeHint = context.savedHandle && `${context.invokedAs} resume ${context.savedHandle}`;
  if (controller.signal.aborted) {
    say(pc.yellow("\nInterrupted."));
    if (resumeHint && context.setup?.emulatedHere()) {
      say(
        "The built-in emulator stopped with this run and forgets its tasks. To try resume, run the emulator",
      );
      say(
        "on its own (pnpm emulator --time-scale 0.2), set IMAGEGEN_EMULATOR_URL=http://127.0.0.1:4010, and",
      );
      say(`generate again; after Ctrl-C, ${resumeHint} finishes the task.`);
    } else if (resumeHint) {
      say(`The task goes on at the vendor. Resume with: ${resumeHint}`);
    }
    return 130;
  }
  const name = error instanceof Error ? error.name : "Error";
  const message = error instanceof Error ? error.message : String(error);
  say(`${pc.red(name)}: ${message}`);
  const handle = error instanceof ImageGenError && "handle" in error ? error.handle : undefined;
  if (handle && resumeHint) say(`The task can still finish. Resume with: ${resumeHint}`);
  return error instanceof ImageGenError && error.code === "validation" ? 2 : 1;
}
