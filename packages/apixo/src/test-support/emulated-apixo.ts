import { createImageClient, type ImageClientOptions, type ImageGenEvent } from "@org/imagegen-core";
import { useVirtualTime } from "@org/imagegen-test-kit";
import { type ApixoEmulatorOptions, createApixoEmulator } from "@org/imagegen-testing";
import type { SetupServer } from "msw/node";
import { expect } from "vitest";
import { type ApixoSettings, apixo } from "../index.js";

export interface Setup {
  emulator?: ApixoEmulatorOptions;
  client?: Partial<ImageClientOptions>;
  /** Adapter settings over the emulator's key. */
  apixo?: ApixoSettings;
}

/**
 * The unified client with the APIXO adapter, talking to the APIXO emulator through msw on virtual time
 * (starting at a round date). Every event the client emits is kept in `events`.
 */
export function emulatedApixo(server: SetupServer, setup: Setup = {}) {
  useVirtualTime();
  const emulator = createApixoEmulator(setup.emulator);
  server.use(...emulator.handlers);
  const events: ImageGenEvent[] = [];
  const client = createImageClient({
    providers: { apixo: apixo({ apiKey: emulator.apiKey, ...setup.apixo }) },
    defaultModel: "apixo:nano-banana",
    random: () => 0.5,
    onEvent: (event) => events.push(event),
    ...setup.client,
  });
  /** The submit body the emulator received for the only task so far. */
  const submitted = () => {
    const [task, ...more] = emulator.tasks();
    expect(more).toHaveLength(0);
    return task?.request;
  };
  return { emulator, client, events, submitted };
}
