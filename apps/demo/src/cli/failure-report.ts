import {
  ContentPolicyError,
  ImageGenError,
  TaskFailedError,
  type TaskHandle,
  TaskTimeoutError,
} from "@org/imagegen-core";
import pc from "picocolors";
import type { CommandContext } from "./commands.js";

/** What a failed command prints with `--json`: one object, with the task when there is one. */
export interface FailureJson {
  error: { name: string; code: string | null; message: string };
  handle?: TaskHandle;
  handleFile?: string;
  /** The command that picks the task up again, when it may still finish. */
  resume?: string;
}

const say = (text: string): void => void process.stderr.write(`${text}\n`);

/**
 * Prints what went wrong and what to do next, in the CLI's own terms (a timeout advises `imagegen resume`, not
 * library code); with `--json`, also one JSON object on stdout. Returns the exit code.
 */
export function reportFailure(error: unknown, context: CommandContext, interrupted: boolean): number {
  const handle = context.handle ?? (TaskTimeoutError.isInstance(error) ? error.handle : undefined);
  const resume =
    context.handleFile && !taskEnded(error) && `${context.invokedAs} resume ${context.handleFile}`;
  const failure: FailureJson = {
    error: {
      name: error instanceof Error ? error.name : "Error",
      code: ImageGenError.isInstance(error) ? error.code : null,
      message: messageOf(error, context),
    },
    ...(handle && { handle }),
    ...(context.handleFile && { handleFile: context.handleFile }),
    ...(resume && { resume }),
  };
  if (context.json) process.stdout.write(`${JSON.stringify(failure, null, 2)}\n`);

  if (interrupted) {
    say(pc.yellow("\nInterrupted."));
    if (resume && context.setup?.emulatedHere()) {
      say(
        "The built-in emulator stopped with this run and forgets its tasks. To try resume, run the emulator",
      );
      say(
        "on its own (pnpm emulator --time-scale 0.2), set IMAGEGEN_EMULATOR_URL=http://127.0.0.1:4010, and",
      );
      say(`generate again; after Ctrl-C, ${resume} finishes the task.`);
    } else if (resume) {
      say(`The task goes on at the vendor. Resume with: ${resume}`);
    }
    return 130;
  }
  say(`${pc.red(failure.error.name)}: ${failure.error.message}`);
  if (resume) say(`The task can still finish. Resume with: ${resume}`);
  return failure.error.code === "validation" ? 2 : 1;
}

/** The vendor said the task is over: resuming it would only fetch the same failure. */
function taskEnded(error: unknown): boolean {
  return TaskFailedError.isInstance(error) || ContentPolicyError.isInstance(error);
}

function messageOf(error: unknown, context: CommandContext): string {
  if (TaskTimeoutError.isInstance(error) && error.handle) {
    // Core's own message advises library code (`client.wait`); the CLI's user resumes with a command.
    const { provider, taskId } = error.handle;
    const waited = context.timeoutMs === undefined ? "" : ` within ${seconds(context.timeoutMs)} (--timeout)`;
    return `${provider} task ${taskId} did not finish${waited}; it goes on at the vendor.`;
  }
  return error instanceof Error ? error.message : String(error);
}

const seconds = (ms: number) => `${Number((ms / 1000).toPrecision(3))} s`;
