import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type TaskHandle, taskHandleSchema } from "@org/imagegen-core";

/** Saves the handle before any waiting, so an interrupted run can be resumed from the file. */
export async function saveHandle(outDir: string, handle: TaskHandle): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const file = join(outDir, `${safeName(handle.taskId)}.handle.json`);
  await writeFile(file, `${JSON.stringify(handle, null, 2)}\n`);
  return file;
}

/** Reads a handle saved by `saveHandle` (or by any program: it is the client's plain-JSON handle). */
export async function loadHandle(file: string): Promise<TaskHandle> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new Error(`Cannot read the handle file "${file}". Pass the path that generate printed.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`"${file}" is not JSON; a handle file holds the JSON handle that generate saved.`);
  }
  const parsed = taskHandleSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`"${file}" is not a task handle: it needs provider, model, taskId and submittedAt.`);
  }
  return parsed.data;
}

/** Task ids come from the vendor: keep file names to a safe alphabet. */
export function safeName(id: string): string {
  return id.replace(/[^\w.-]+/g, "_").slice(0, 100);
}
