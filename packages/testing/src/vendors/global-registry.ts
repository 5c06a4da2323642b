/**
 * A map kept on `globalThis` under a registered symbol: every copy of this package in a process (its ESM and
 * CJS builds, the CLI's bundle) sees the same entries, so a vendor registered through one is found by the others.
 */
export function globalRegistry<T>(name: string): Map<string, T> {
  const key = Symbol.for(`@org/imagegen-testing/${name}`);
  const holder = globalThis as unknown as Record<symbol, Map<string, T> | undefined>;
  const map = holder[key] ?? new Map<string, T>();
  holder[key] = map;
  return map;
}
