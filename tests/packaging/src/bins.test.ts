import { describe, expect, it } from "vitest";
import { run } from "./support/run.js";
import { scratch } from "./support/scratch.js";

const { app, packages } = scratch();

const bins = packages.flatMap(({ manifest }) =>
  typeof manifest.bin === "string"
    ? [manifest.name.replace(/^@[^/]+\//, "")]
    : Object.keys(manifest.bin ?? {}),
);

describe("the published bins", () => {
  it("are found in the installed manifests", () => {
    expect(bins.length).toBeGreaterThan(0);
  });

  it.each(bins)("`npx %s --help` runs the installed bin, nothing fetched", async (bin) => {
    const ran = await run("npx", ["--no", "--", bin, "--help"], app);
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout).toContain(`Usage: ${bin} `);
  });
});
