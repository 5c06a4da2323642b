import type { Manifest } from "./workspace-packages.js";

export type Condition = "import" | "require";

/** The specifier of each subpath a package exports, e.g. `@org/x` for "." and `@org/x/provider`. */
export function exportedSpecifiers(manifest: Manifest): string[] {
  return Object.keys(manifest.exports ?? {}).map((subpath) => manifest.name + subpath.slice(1));
}

/**
 * The file Node loads for `specifier` under `condition`, as Node picks it: the first key, in the map's own order,
 * that is the condition, `node` or `default` (`types` is for TypeScript only).
 */
export function exportTarget(
  manifest: Manifest,
  specifier: string,
  condition: Condition,
): string | undefined {
  const subpath = `.${specifier.slice(manifest.name.length)}`;
  return resolveTarget(manifest.exports?.[subpath], condition);
}

function resolveTarget(entry: unknown, condition: Condition): string | undefined {
  if (typeof entry === "string") return entry;
  if (entry === null || typeof entry !== "object") return undefined;
  for (const [key, value] of Object.entries(entry)) {
    if (key !== condition && key !== "node" && key !== "default") continue;
    const target = resolveTarget(value, condition);
    if (target !== undefined) return target;
  }
  return undefined;
}
