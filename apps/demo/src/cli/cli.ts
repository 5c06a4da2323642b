#!/usr/bin/env node
import { Command, InvalidArgumentError, Option } from "commander";
// Bundled at build time (only the field used), so the bin needs no file next to it.
import { version } from "../../package.json";
import { DEFAULT_MODEL, keyVariables } from "../shared/demo-setup.js";
import { type CommandContext, generate, models, resume, status } from "./commands.js";
import { reportFailure } from "./failure-report.js";

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
  new Option("--timeout <seconds>", "give up waiting after this long (the task can be resumed)")
    .argParser(seconds)
    .default(600_000, "600");

const program = new Command("imagegen")
  .description(
    "Generate images through one interface for several vendors. Set " +
      `${keyVariables().join(" or ")} to use the real vendor; without a key the built-in emulator answers.`,
  )
  .version(version, "-v, --version", "print the version")
  .showHelpAfterError()
  .addHelpText(
    "after",
    `
Examples:
  imagegen "a fox in watercolor"                  generate is the default command
  imagegen "a fox" -m xingchaoyiqing:nano-banana-pro -r 2K
  imagegen models                                 which models, and what each can take
  imagegen resume out/<task>.handle.json          finish a task after Ctrl-C or --timeout`,
  );

program
  .command("generate", { isDefault: true })
  .description("submit a prompt, show progress, save the images")
  .argument("<prompt...>", "what to draw")
  .addOption(modelOption())
  .option("-a, --aspect-ratio <ratio>", "e.g. 1:1, 16:9, 9:16 (see `models`)")
  .option("-r, --resolution <res>", "1K, 2K or 4K where the model has them")
  .option("-f, --format <format>", "png or jpeg where the model has them")
  .option("--strict", "refuse an option the model cannot honour, instead of leaving it out with a warning")
  .option(
    "--ref <url|file>",
    "reference image URL or local file, repeat for more (makes it image-to-image)",
    collect,
    [],
  )
  .addOption(outOption())
  .addOption(jsonOption())
  .addOption(timeoutOption())
  .action((words, flags) => run(() => generate(words, flags, context), flags));

program
  .command("models")
  .description("list every configured model and what it can do")
  .addOption(jsonOption())
  .action((flags) => run(() => models(flags, context), flags));

program
  .command("status")
  .description("check a saved task once")
  .argument("<handle-file>", "the .handle.json file that generate saved")
  .addOption(jsonOption())
  .action((file, flags) => run(() => status(file, flags, context), flags));

program
  .command("resume")
  .description("wait for a saved task (e.g. after Ctrl-C) and save its images")
  .argument("<handle-file>", "the .handle.json file that generate saved")
  .addOption(outOption())
  .addOption(jsonOption())
  .addOption(timeoutOption())
  .action((file, flags) => run(() => resume(file, flags, context), flags));

// A bare `imagegen` asks what the tool does: the help, not `generate`'s complaint about a missing prompt.
if (process.argv.length <= 2) program.help();
await program.parseAsync();

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Runs one command with the flags it was given; a failure is reported and sets the exit code. */
async function run(
  command: () => Promise<unknown>,
  flags: { json?: boolean; timeout?: number },
): Promise<void> {
  context.json = flags.json ?? false;
  if (flags.timeout !== undefined) context.timeoutMs = flags.timeout;
  try {
    await command();
  } catch (error) {
    process.exitCode = reportFailure(error, context, controller.signal.aborted);
  } finally {
    await context.setup?.close();
  }
}
