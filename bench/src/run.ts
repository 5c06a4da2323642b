// `pnpm bench [poll|requests|scale|footprint|summary]`: runs the benchmarks (all by default), records their JSON
// results and regenerates docs/performance.md (`summary` only regenerates it).
import { burst } from "./burst.js";
import { footprint } from "./footprint.js";
import { pollEfficiency } from "./poll-efficiency.js";
import { record, writeSummary } from "./report.js";
import { requestCost } from "./request-cost.js";
import { scale } from "./scale.js";
import { scaleOut } from "./scale-out.js";

const BENCHMARKS: Record<string, () => Promise<void>> = {
  poll: async () => record("poll-efficiency", await pollEfficiency()),
  requests: async () => record("request-cost", await requestCost()),
  scale: async () =>
    record("scale", {
      runs: [
        await scale({ timeScale: 1, variant: "headline" }),
        await scale({ timeScale: 0.01, variant: "stress" }),
      ],
      burst: await burst(),
    }),
  footprint: async () => record("footprint", await footprint()),
  /** Not in the default run: it needs redis-server. `pnpm bench scale-out`. */
  "scale-out": async () => record("scale-out", await scaleOut()),
  /** Only rewrites docs/performance.md from the committed results. */
  summary: async () => {},
};

const chosen = process.argv.slice(2);
const unknown = chosen.filter((name) => !(name in BENCHMARKS));
if (unknown.length > 0) {
  console.error(
    `Unknown benchmark ${unknown.join(", ")}; choose from ${Object.keys(BENCHMARKS).join(", ")}.`,
  );
  process.exit(2);
}
for (const name of chosen.length > 0 ? chosen : ["poll", "requests", "scale", "footprint"]) {
  const started = performance.now();
  process.stderr.write(`${name}…\n`);
  await (BENCHMARKS[name] as () => Promise<void>)();
  process.stderr.write(`${name}: ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}
await writeSummary();
process.stderr.write("wrote bench/results/ and docs/performance.md\n");
