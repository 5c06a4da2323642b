import type { AspectRatio, OutputFormat, Resolution, Warning } from "@org/imagegen-core";
import pc from "picocolors";
import { type DemoSetup, openDemo } from "../shared/demo-setup.js";
import { loadHandle, saveHandle } from "../shared/handle-file.js";
import { type TaskOutcome, waitAndSave } from "../shared/run-task.js";
import { modelsTable } from "./models-table.js";

export interface CommonFlags {
  out: string;
  json: boolean;
  model?: string | undefined;
  timeout?: number | undefined;
}

export interface GenerateFlags extends CommonFlags {
  aspectRatio?: AspectRatio | undefined;
  resolution?: Resolution | undefined;
  format?: OutputFormat | undefined;
  ref: string[];
}

/** What a command needs from the process: where to write and when to stop. */
export interface CommandContext {
  signal: AbortSignal;
  /** How the user started us, for the hints we print (`pnpm demo` or `imagegen`). */
  invokedAs: string;
  /** Set once a handle is saved, so an interrupt can say how to resume. */
  savedHandle?: string;
  setup?: DemoSetup;
}

const out = (text: string): void => void process.stdout.write(`${text}\n`);
const say = (text: string): void => void process.stderr.write(`${text}\n`);

async function open(context: CommandContext, model?: string): Promise<DemoSetup> {
  const setup = await openDemo({ model });
  context.setup = setup;
  return setup;
}

/** A saved task lives at the vendor; the built-in emulator, though, starts empty with every run. */
function warnIfForgotten(setup: DemoSetup): void {
  if (!setup.emulatedHere()) return;
  say(
    pc.yellow(
      "The built-in emulator starts empty with every run and does not know tasks of earlier runs. Keep one " +
        "running (pnpm emulator --time-scale 0.2) and set IMAGEGEN_EMULATOR_URL=http://127.0.0.1:4010 to resume.",
    ),
  );
}

export async function generate(
  words: string[],
  flags: GenerateFlags,
  context: CommandContext,
): Promise<void> {
  const setup = await open(context, flags.model);
  const notice = setup.noticeFor();
  if (notice) say(pc.dim(notice));
  const request = {
    prompt: words.join(" "),
    aspectRatio: flags.aspectRatio,
    resolution: flags.resolution,
    outputFormat: flags.format,
    referenceImages: flags.ref.length > 0 ? flags.ref : undefined,
  };
  const warnings: Warning[] = [];
  const handle = await setup.client.submit({
    ...request,
    signal: context.signal,
    onEvent(event) {
      if (event.type !== "warning") return;
      warnings.push(event.warning);
      if (!flags.json) say(pc.yellow(`warning: ${event.warning.message}`));
    },
  });
  const handleFile = await saveHandle(flags.out, handle);
  context.savedHandle = handleFile;
  if (!flags.json) say(`${pc.dim("task")} ${handle.taskId} ${pc.dim(`saved to ${handleFile}`)}`);
  const outcome = await waitAndSave(setup, handle, {
    outDir: flags.out,
    signal: context.signal,
    progress: !flags.json,
    timeoutMs: flags.timeout,
    poll: setup.pollFor(undefined, request.resolution),
  });
  report({ ...outcome, result: { ...outcome.result, warnings } }, flags.json, handleFile);
}

export async function resume(file: string, flags: CommonFlags, context: CommandContext): Promise<void> {
  const handle = await loadHandle(file);
  context.savedHandle = file;
  const setup = await open(context, `${handle.provider}:${handle.model}`);
  const notice = setup.noticeFor();
  if (notice) say(pc.dim(notice));
  warnIfForgotten(setup);
  const outcome = await waitAndSave(setup, handle, {
    outDir: flags.out,
    signal: context.signal,
    progress: !flags.json,
    timeoutMs: flags.timeout,
  });
  report(outcome, flags.json, file);
}

export async function status(file: string, flags: Pick<CommonFlags, "json">, context: CommandContext) {
  const handle = await loadHandle(file);
  const setup = await open(context, `${handle.provider}:${handle.model}`);
  warnIfForgotten(setup);
  const current = await setup.client.getStatus(handle, { signal: context.signal });
  if (flags.json) {
    out(JSON.stringify(current, null, 2));
    return;
  }
  out(`${handle.provider}:${handle.model} task ${handle.taskId}: ${pc.bold(current.state)}`);
  for (const image of current.images ?? []) out(`  ${image.url}`);
  if (current.failure) out(pc.red(`  ${current.failure.code}: ${current.failure.message}`));
}

export async function models(flags: Pick<CommonFlags, "json">, context: CommandContext): Promise<void> {
  const setup = await open(context);
  const list = setup.client.models();
  out(
    flags.json
      ? JSON.stringify(list, null, 2)
      : modelsTable(list, pc.isColorSupported && process.stdout.isTTY),
  );
}

function report({ result, saved }: TaskOutcome, json: boolean, handleFile: string): void {
  if (json) {
    const { handle, status, warnings } = result;
    out(JSON.stringify({ handle, handleFile, state: status.state, warnings, images: saved }, null, 2));
    return;
  }
  for (const image of saved)
    out(`${pc.green("saved")} ${image.file} ${pc.dim(`(${image.mediaType}, ${image.bytes} bytes)`)}`);
}
