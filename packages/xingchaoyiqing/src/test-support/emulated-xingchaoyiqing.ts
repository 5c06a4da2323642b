import {
  createImageClient,
  type ImageClient,
  type ImageClientOptions,
  type ImageGenEvent,
} from "@org/imagegen-core";
import { mountEmulator } from "@org/imagegen-test-kit";
import { createXingchaoyiqingEmulator, type XingchaoyiqingEmulatorOptions } from "@org/imagegen-testing";
import type { SetupServer } from "msw/node";
import { type XingchaoyiqingSettings, xingchaoyiqing } from "../index.js";

export interface Setup {
  emulator?: XingchaoyiqingEmulatorOptions;
  client?: Partial<ImageClientOptions>;
  /** Adapter settings over the emulator's key. */
  xingchaoyiqing?: XingchaoyiqingSettings;
}

/**
 * The unified client with the xingchaoyiqing adapter, talking to its emulator through msw, on virtual time. Every event the client emits is kept in
 * `events`; `submitted()` is the body the emulator received.
 */
export function emulatedXingchaoyiqing(server: SetupServer, setup: Setup = {}) {
  const { emulator, submitted } = mountEmulator(server, () => createXingchaoyiqingEmulator(setup.emulator));
  const events: ImageGenEvent[] = [];
  // Typed for any providers: tests send what a typed client would not compile, to see what run time does.
  const client: ImageClient = createImageClient({
    providers: { xingchaoyiqing: xingchaoyiqing({ apiKey: emulator.apiKey, ...setup.xingchaoyiqing }) },
    defaultModel: "xingchaoyiqing:nano-banana",
    random: () => 0.5,
    poll: { jitter: 0 }, // exact poll times; the spread itself is tested in poll-schedule.test.ts
    onEvent: (event) => events.push(event),
    ...setup.client,
  });
  return { emulator, client, events, submitted };
}
