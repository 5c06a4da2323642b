import ora, { type Ora } from "ora";
import pc from "picocolors";
import { progressLine, type TaskProgress } from "../shared/task-progress.js";

export interface LiveProgress {
  /** Shows a new progress; `previous` tells what changed since the last one. */
  show(progress: TaskProgress, previous: TaskProgress): void;
  /** Prints a line above the live one. */
  note(text: string): void;
  /** Ends the live line, if any; call before printing anything else. */
  stop(): void;
}

/**
 * The CLI's view of a task's progress: one live line on a terminal (its clock ticking between events), one
 * plain line per state change otherwise; retries and warnings as notes in both.
 */
export function createLiveProgress(stream: NodeJS.WriteStream, start: TaskProgress): LiveProgress {
  let current = start;
  const note = (text: string) => {
    if (spinner?.isSpinning) spinner.clear();
    stream.write(`${text}\n`);
  };
  let spinner: Ora | undefined;
  let ticker: NodeJS.Timeout | undefined;
  if (stream.isTTY && stream.columns > 0) {
    spinner = ora({ stream, text: progressLine(current, Date.now()), discardStdin: false }).start();
    ticker = setInterval(() => {
      if (spinner) spinner.text = progressLine(current, Date.now());
    }, 100);
    ticker.unref();
  }

  return {
    note,
    show(progress, previous) {
      current = progress;
      for (const warning of progress.warnings.slice(previous.warnings.length))
        note(pc.yellow(`warning: ${warning.message}`));
      const retry = progress.lastRetry;
      if (retry && progress.retries > previous.retries)
        note(pc.yellow(`retrying ${retry.phase} in ${retry.delayMs} ms: ${retry.message}`));
      if (!spinner && progress.state !== previous.state) note(progressLine(progress));
    },
    stop() {
      clearInterval(ticker);
      if (!spinner?.isSpinning) return;
      // A request refused before it was sent leaves no task behind, so no line about one either.
      if (current.state === "submitting") spinner.stop();
      else spinner.stopAndPersist({ symbol: pc.dim("·"), text: progressLine(current, Date.now()) });
    },
  };
}
