import { createImageClient, type ImageClientOptions, type ImageGenEvent } from "@org/imagegen-core";
import { useVirtualTime } from "@org/imagegen-test-kit";
import { createXingchaoyiqingEmulator, type XingchaoyiqingEmulatorOptions } from "@org/imagegen-testing";
import type { SetupServer } from "msw/node";
import { expect } from "vitest";
import { type XingchaoyiqingSettings, xingchaoyiqing } from "../index.js";

export interface Setup {
  emulator?: XingchaoyiqingEmulatorOptions;
  client?: Partial<ImageClientOptions>;
  /** Adapter settings over the emulator's key. */
  xingchaoyiqing?: XingchaoyiqingSettings;
}

/**
 * The unified client with the xingchaoyiqing adapter, talking to its emulator through msw on virtual time
 * (starting at a round date). Every event the client emits is kept in `events`.
 */
export function emulatedXingchaoyiqing(server: SetupServer, setup: Setup = {}) {
  useVirtualTime();
  const emulator = createXingchaoyiqingEmulator(setup.emulator);
  server.use(...emulator.handlers);
  const events: ImageGenEvent[] = [];
  const client = createImageClient({
    providers: { xingchaoyiqing: xingchaoyiqing({ apiKey: emulator.apiKey, ...setup.xingchaoyiqing }) },
    defaultModel: "xingchaoyiqing:nano-banana",
    random: () => 0.5,
    onEvent: (event) => events.push(event),
    ...setup.client,
  });
  /** The create body the emulator received for the only task so far. */
  const submitted = () => {
    const [task, ...more] = emulator.tasks();
    expect(more).toHaveLength(0);
    return task?.request;
  };
  return { emulator, client, events, submitted };
}
