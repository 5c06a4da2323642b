import { useVirtualTime } from "@org/imagegen-test-kit";
import type { SetupServer } from "msw/node";
import type { Emulator } from "../engine/emulator.js";

export { useMswServer } from "@org/imagegen-test-kit";

/** Mounts an emulator on the msw server with virtual time starting at a round date. */
export function mount<T extends Emulator>(server: SetupServer, emulator: T): T {
  useVirtualTime();
  server.use(...emulator.handlers);
  return emulator;
}

/** A wire body for assertions; tests check its shape with toEqual, so typing it would only restate the docs. */
// biome-ignore lint/suspicious/noExplicitAny: see above.
export const json = async (response: Response) => (await response.json()) as Record<string, any>;
