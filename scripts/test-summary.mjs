// Adds up the JSON results every package's vitest run wrote (fresh or restored from turbo's cache) and
// prints one closing line for the whole suite, so CI and people see the total without scrolling.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

const totals = { passed: 0, failed: 0, skipped: 0 };
// The workspace's package folders: every folder of these groups, and bench/ and docs/ themselves.
const folders = ["bench", "docs"];
for (const group of ["packages", "apps", "tests"]) {
  for (const folder of await readdir(group).catch(() => [])) folders.push(join(group, folder));
}
for (const folder of folders) {
  const file = join(folder, "test-results.json");
  const results = await readFile(file, "utf8").then(JSON.parse, () => undefined);
  if (!results) continue;
  totals.passed += results.numPassedTests;
  totals.failed += results.numFailedTests;
  totals.skipped += results.numPendingTests + results.numTodoTests;
}
console.log(`Tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
if (totals.passed === 0 || totals.failed > 0) process.exitCode = 1;
