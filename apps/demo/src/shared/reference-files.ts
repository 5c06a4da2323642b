import { readFile } from "node:fs/promises";
import { ValidationError } from "@org/imagegen-core";
import type { DemoSetup } from "./demo-setup.js";

const URL_LIKE = /^(https?:|data:)/i;

/**
 * The references as the client takes them: URLs as given, local files as their bytes, which the client's
 * upload hook stores in the emulator. A local file with a real vendor is refused here, with what to do instead.
 */
export async function readReferenceFiles(
  references: readonly string[],
  setup: Pick<DemoSetup, "canUpload">,
): Promise<(string | Uint8Array)[]> {
  const files = references.filter((reference) => !URL_LIKE.test(reference));
  if (files.length > 0 && !setup.canUpload) {
    throw new ValidationError(
      `Reference ${files.map((file) => `"${file}"`).join(", ")} is a local file, and a real vendor fetches ` +
        "references from a public URL: upload it somewhere public and give that https:// URL (with the " +
        "built-in emulator, used when no API key is set, local files work). Nothing was sent.",
      { issues: files.map((file) => ({ path: "referenceImages", message: `local file ${file}` })) },
    );
  }
  return Promise.all(
    references.map(async (reference) => {
      if (URL_LIKE.test(reference)) return reference;
      try {
        return new Uint8Array(await readFile(reference));
      } catch (error) {
        const reason = (error as { code?: string }).code === "ENOENT" ? "no such file" : String(error);
        throw new ValidationError(`Reference "${reference}" cannot be read: ${reason}. Nothing was sent.`);
      }
    }),
  );
}
