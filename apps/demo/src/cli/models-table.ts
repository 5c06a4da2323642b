import type { ModelInfo } from "@org/imagegen-core";
import Table from "cli-table3";

const seconds = (ms: number) => `${Math.round(ms / 1000)}`;
const MODES: Readonly<Record<string, string>> = { "text-to-image": "t2i", "image-to-image": "i2i" };
const HEAD = ["modes", "prompt", "refs", "aspect ratios", "res", "formats", "latency", "price"];
/** With the borders, 76 columns: the table fits an 80-column terminal. */
const WIDTHS = [7, 8, 6, 13, 5, 9, 12, 7];

/** The capability table of every configured model, as a terminal table no wider than 80 columns. */
export function modelsTable(models: readonly ModelInfo[], color: boolean): string {
  const table = new Table({
    head: HEAD,
    colWidths: WIDTHS,
    wordWrap: true,
    style: color ? { head: ["cyan"], border: ["grey"] } : { head: [], border: [] },
  });
  for (const { id, capabilities: c } of models) {
    // The id is what the user copies into --model: a row of its own, in full, keeps the columns narrow.
    table.push([{ colSpan: HEAD.length, content: id }]);
    const latency = c.latencyMs.byResolution
      ? Object.entries(c.latencyMs.byResolution)
          .map(([resolution, range]) => `${resolution} ${seconds(range.min)}–${seconds(range.max)} s`)
          .join("\n")
      : `${seconds(c.latencyMs.min)}–${seconds(c.latencyMs.max)} s`;
    table.push([
      c.modes.map((mode) => MODES[mode] ?? mode).join("\n"),
      `≤${c.promptLength.max}`,
      String(c.maxReferenceImages),
      c.aspectRatios?.join(" ") ?? "—",
      c.resolutions?.join("\n") ?? "—",
      c.outputFormats?.join("\n") ?? "—",
      latency,
      c.pricePerImageUsd === undefined ? "—" : `$${c.pricePerImageUsd}`,
    ]);
  }
  return `${table.toString()}\nt2i: text-to-image · i2i: image-to-image (with reference images)\nlatency: the typical time from submit to image`;
}
