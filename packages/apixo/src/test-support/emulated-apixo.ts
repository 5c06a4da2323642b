import {
  createImageClient,
  type ImageClient,
  type ImageClientOptions,
  type ImageGenEvent,
} from "@org/imagegen-core";
import { mountEmulator } from "@org/imagegen-test-kit";
import { type ApixoEmulatorOptions, createApixoEmulator } from "@org/imagegen-testing";
import type { SetupServer } from "msw/node";
import { type ApixoSettings, apixo } from "../index.js";

export interface Setup {
  emulator?: ApixoEmulatorOptions;
  client?: Partial<ImageClientOptions>;
  /** Adapter settings over the emulator's key. */
  apixo?: ApixoSettings;
}

/**
 * The unified client with the APIXO adapter, talking to the APIXO emulator through msw, on virtual time. Every event the client emits is kept in
 * `events`; `submitted()` is the body the emulator received.
 */
export function emulatedApixo(server: SetupServer, setup: Setup = {}) {
  const { emulator, submitted } = mountEmulator(server, () => createApixoEmulator(setup.emulator));
  const events: ImageGenEvent[] = [];
  // Typed for any providers: tests send what a typed client would not compile, to see what run time does.
  const client: ImageClient = createImageClient({
    providers: { apixo: apixo({ apiKey: emulator.apiKey, ...setup.apixo }) },
    defaultModel: "apixo:nano-banana",
    random: () => 0.5,
    poll: { jitter: 0 }, // exact poll times; the spread itself is tested in poll-schedule.test.ts
    onEvent: (event) => events.push(event),
    ...setup.client,
  });
  return { emulator, client, events, submitted };
}
