import type { ModelInfo } from "@org/imagegen-core";
import Table from "cli-table3";

const seconds = (ms: number) => `${Math.round(ms / 1000)}`;
/** Room for the cell padding on either side. */
const PADDING = 2;

/** The capability table of every configured model, as a terminal table. */
export function modelsTable(models: readonly ModelInfo[], color: boolean): string {
  // A model id is what the user copies into --model: its column fits the longest one, whatever that is.
  const idWidth = Math.max("model".length, ...models.map((model) => model.id.length)) + PADDING;
  const table = new Table({
    head: ["model", "modes", "prompt", "refs", "aspect ratios", "resolutions", "formats", "latency", "price"],
    colWidths: [idWidth, 16, 8, 6, 24, 13, 9, 14, 8],
    wordWrap: true,
    style: color ? { head: ["cyan"], border: ["grey"] } : { head: [], border: [] },
  });
  for (const { id, capabilities: c } of models) {
    const latency = c.latencyMs.byResolution
      ? Object.entries(c.latencyMs.byResolution)
          .map(([resolution, range]) => `${resolution} ${seconds(range.min)}–${seconds(range.max)} s`)
          .join("\n")
      : `${seconds(c.latencyMs.min)}–${seconds(c.latencyMs.max)} s`;
    table.push([
      id,
      c.modes.join("\n"),
      `≤${c.promptLength.max}`,
      String(c.maxReferenceImages),
      c.aspectRatios?.join(" ") ?? "—",
      c.resolutions?.join(" ") ?? "—",
      c.outputFormats?.join(" ") ?? "—",
      latency,
      c.pricePerImageUsd === undefined ? "—" : `$${c.pricePerImageUsd}`,
    ]);
  }
  return table.toString();
}
