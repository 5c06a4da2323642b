import type { ScaleOutResult } from "./scale-out.js";

/** The scale-out section of docs/performance.md, kept apart from the other benchmarks' sections. */
export function scaleOutSection(recorded: { results: ScaleOutResult[] }, machine: string): string[] {
  const rows = recorded.results;
  const first = rows[0];
  return [
    "## 5. Scale-out (BullMQ workers on Redis)",
    "",
    `\`pnpm bench scale-out\` (needs \`redis-server\`): ${first?.jobs ?? 0} jobs through 1, 2 and 4 worker processes`,
    `(\`createImageWorker\`, concurrency ${first?.concurrencyPerWorker ?? 0} each, \`redisCoordinator\`), against the APIXO emulator in its`,
    `own process at ${first ? 1 / first.timeScale : 0}× pace with its quotas off, so the rows measure our machinery rather than the`,
    "vendor's budget (10,000 requests/min would cap every row at about 80 jobs/s). Redis commands per job come",
    "from `INFO commandstats` before and after: BullMQ's own (fetch, lock renewals, completion), the job's data",
    "and progress writes, and the coordinator's budget, slot and result calls.",
    "",
    "| worker processes | jobs/s | wall | status calls per task | Redis commands per job |",
    "| ---: | ---: | ---: | ---: | ---: |",
    ...rows.map(
      (r) =>
        `| ${r.workers} | ${r.jobsPerSecond} | ${(r.wallMs / 1000).toFixed(2)} s | ${r.statusCallsPerTask} | ${r.redisCommandsPerTask} |`,
    ),
    "",
    "Two cores run the emulator, Redis and the workers together. Each row is one run (the one-process row first,",
    "so it also pays for warming up), not a median: read the trend, not the digits.",
    machine,
    "",
  ];
}
