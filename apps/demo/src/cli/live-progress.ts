import type { ImageGenEvent } from "@org/imagegen-core";
import ora, { type Ora } from "ora";
import pc from "picocolors";

export interface Progress {
  onEvent(event: ImageGenEvent): void;
  /** Ends the live line, if any; call before printing anything else. */
  stop(): void;
}

/** What the user sees while waiting: one live line on a terminal, one plain line per change otherwise. */
export function createProgress(stream: NodeJS.WriteStream, startedAt = Date.now()): Progress {
  let state = "queued"; // progress starts once the task exists
  let polls = 0;
  const elapsed = () => `${((Date.now() - startedAt) / 1000).toFixed(1)} s`;
  const count = () => `${polls} ${polls === 1 ? "poll" : "polls"}`;
  const describe = () => `${state} · ${elapsed()} · ${count()}`;

  const note = (text: string) => {
    if (spinner?.isSpinning) spinner.clear();
    stream.write(`${text}\n`);
  };
  let spinner: Ora | undefined;
  let ticker: NodeJS.Timeout | undefined;
  if (stream.isTTY && stream.columns > 0) {
    spinner = ora({ stream, text: describe(), discardStdin: false }).start();
    ticker = setInterval(() => {
      if (spinner) spinner.text = describe();
    }, 100);
    ticker.unref();
  }

  return {
    onEvent(event) {
      switch (event.type) {
        case "state":
          state = event.state;
          if (!spinner) note(`${pc.dim(`[${elapsed().padStart(7)}]`)} ${state} (${count()})`);
          break;
        case "poll":
          polls = event.polls;
          break;
        case "retry":
          note(pc.yellow(`retrying ${event.phase} in ${event.delayMs} ms: ${event.error.message}`));
          break;
        case "warning":
          note(pc.yellow(`warning: ${event.warning.message}`));
          break;
        case "submitted":
          break;
      }
    },
    stop() {
      clearInterval(ticker);
      if (spinner?.isSpinning) spinner.stopAndPersist({ symbol: pc.dim("·"), text: describe() });
    },
  };
}
