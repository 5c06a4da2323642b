import type { AspectRatio, LifecycleState, OutputFormat, Resolution, TaskHandle } from "@org/imagegen-core";
import pc from "picocolors";
import { type DemoSetup, openDemo } from "../shared/demo-setup.js";
import { describeRange, scaleRange } from "../shared/expected-latency.js";
import { loadHandle, saveHandle } from "../shared/handle-file.js";
import { readReferenceFiles } from "../shared/reference-files.js";
import { type TaskOutcome, waitAndSave } from "../shared/run-task.js";
import { startProgress, type TaskProgress, trackProgress } from "../shared/task-progress.js";
import { createLiveProgress } from "./live-progress.js";
import { modelsTable } from "./models-table.js";

export interface CommonFlags {
  out: string;
  json: boolean;
  model?: string | undefined;
  /** In ms (the flag is in seconds). */
  timeout: number;
}

export interface GenerateFlags extends CommonFlags {
  aspectRatio?: AspectRatio | undefined;
  resolution?: Resolution | undefined;
  format?: OutputFormat | undefined;
  /** Refuse what the model cannot honour rather than leave it out with a warning. */
  strict?: boolean | undefined;
  ref: string[];
}

/** What a command needs from the process, and what it leaves there for the failure report. */
export interface CommandContext {
  signal: AbortSignal;
  /** How the user started us, for the hints we print (`pnpm demo` or `imagegen`). */
  invokedAs: string;
  /** The command's `--json`: a failure is then reported as one JSON object too. */
  json?: boolean;
  /** How long the command waits, to word a timeout. */
  timeoutMs?: number;
  /** The task once it exists (submitted, or loaded from its file), so a failure can name it. */
  handle?: TaskHandle;
  /** Where that handle is saved, so a failure can say how to resume. */
  handleFile?: string;
  setup?: DemoSetup;
}

const out = (text: string): void => void process.stdout.write(`${text}\n`);
const say = (text: string): void => void process.stderr.write(`${text}\n`);

async function open(context: CommandContext, model?: string): Promise<DemoSetup> {
  const setup = await openDemo({ model });
  context.setup = setup;
  return setup;
}

/** Says, once, when the model's vendor is emulated. */
function announce(setup: DemoSetup): void {
  const notice = setup.noticeFor();
  if (notice) say(pc.dim(notice));
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

/** The task's progress as the user sees it: a live line on stderr, or nothing but the record with `--json`. */
function follow(json: boolean, state: LifecycleState, startedAt: number) {
  const start = startProgress(state, startedAt);
  const live = json ? undefined : createLiveProgress(process.stderr, start);
  const tracker = trackProgress(start, live?.show);
  return { ...tracker, note: live?.note ?? (() => {}), stop: () => live?.stop() };
}

/** ` · expected 3–4 s`: the model's typical time for this request, at the pace the vendor runs at here. */
function expected(setup: DemoSetup, handle: TaskHandle): string {
  const range = handle.expectedLatencyMs;
  if (!range) return "";
  const scale = setup.timeScaleFor(`${handle.provider}:${handle.model}`);
  return pc.dim(` · expected ${describeRange(scaleRange(range, scale))}`);
}

/** Submits, saves the handle before waiting, then waits and saves the images. */
export async function generate(
  words: string[],
  flags: GenerateFlags,
  context: CommandContext,
): Promise<void> {
  const setup = await open(context, flags.model);
  announce(setup);
  const progress = follow(flags.json, "submitting", Date.now());
  let outcome: TaskOutcome;
  let handleFile: string;
  try {
    const handle = await setup.client.submit({
      prompt: words.join(" "),
      aspectRatio: flags.aspectRatio,
      resolution: flags.resolution,
      outputFormat: flags.format,
      strict: flags.strict,
      referenceImages: flags.ref.length > 0 ? await readReferenceFiles(flags.ref, setup) : undefined,
      signal: context.signal,
      onEvent: progress.onEvent,
    });
    context.handle = handle;
    handleFile = await saveHandle(flags.out, handle);
    context.handleFile = handleFile;
    progress.note(
      `${pc.dim("task")} ${handle.taskId} ${pc.dim(`saved to ${handleFile}`)}${expected(setup, handle)}`,
    );
    outcome = await waitAndSave(setup, handle, {
      outDir: flags.out,
      signal: context.signal,
      timeoutMs: flags.timeout,
      onEvent: progress.onEvent,
    });
  } finally {
    progress.stop();
  }
  report(outcome, flags.json, handleFile, progress.current());
}

/** Waits for a saved task and saves its images; never submits again. */
export async function resume(file: string, flags: CommonFlags, context: CommandContext): Promise<void> {
  const handle = await loadHandle(file);
  context.handle = handle;
  context.handleFile = file;
  const setup = await open(context, `${handle.provider}:${handle.model}`);
  announce(setup);
  warnIfForgotten(setup);
  const progress = follow(flags.json, "queued", Date.parse(handle.submittedAt));
  let outcome: TaskOutcome;
  try {
    outcome = await waitAndSave(setup, handle, {
      outDir: flags.out,
      signal: context.signal,
      timeoutMs: flags.timeout,
      onEvent: progress.onEvent,
    });
  } finally {
    progress.stop();
  }
  report(outcome, flags.json, file, progress.current());
}

/** One status call for a saved task. */
export async function status(file: string, flags: Pick<CommonFlags, "json">, context: CommandContext) {
  const handle = await loadHandle(file);
  context.handle = handle;
  context.handleFile = file;
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

/** The capability table of every configured model. */
export async function models(flags: Pick<CommonFlags, "json">, context: CommandContext): Promise<void> {
  const setup = await open(context);
  const list = setup.client.models();
  out(
    flags.json
      ? JSON.stringify(list, null, 2)
      : modelsTable(list, pc.isColorSupported && process.stdout.isTTY),
  );
}

function report(
  { result, saved }: TaskOutcome,
  json: boolean,
  handleFile: string,
  progress: TaskProgress,
): void {
  if (json) {
    const { handle, status } = result;
    const { warnings } = progress;
    out(JSON.stringify({ handle, handleFile, state: status.state, warnings, images: saved }, null, 2));
    return;
  }
  for (const image of saved)
    out(`${pc.green("saved")} ${image.file} ${pc.dim(`(${image.mediaType}, ${image.bytes} bytes)`)}`);
}
