import { apixo } from "@org/imagegen-apixo";
import { createImageClient, type ImageClientOptions } from "@org/imagegen-core";
import { pollTimes, succeeds, useMswServer, useVirtualTime } from "@org/imagegen-test-kit";
import {
  createApixoEmulator,
  createXingchaoyiqingEmulator,
  type Emulator,
  type EmulatorOptions,
} from "@org/imagegen-testing";
import { xingchaoyiqing } from "@org/imagegen-xingchaoyiqing";
import { describe, expect, it } from "vitest";

const server = useMswServer();

const VENDORS = {
  apixo: { emulator: createApixoEmulator, adapter: apixo },
  xingchaoyiqing: { emulator: createXingchaoyiqingEmulator, adapter: xingchaoyiqing },
} as const;

/** A client set up as the testing README says, on virtual time; `poll` as a user might add to it. */
function clientFor(
  vendor: keyof typeof VENDORS,
  emulator: Emulator,
  options: Partial<ImageClientOptions> = {},
) {
  return createImageClient({
    providers: { [vendor]: VENDORS[vendor].adapter(emulator.providerSettings) },
    defaultModel: `${vendor}:nano-banana`,
    ...options,
  });
}

function mount(vendor: keyof typeof VENDORS, options: EmulatorOptions) {
  useVirtualTime();
  const emulator = VENDORS[vendor].emulator(options);
  server.use(...emulator.handlers);
  return emulator;
}

describe("a client set up from the emulator polls at the emulator's pace", () => {
  for (const vendor of ["apixo", "xingchaoyiqing"] as const) {
    it(`${vendor}: the vendor's schedule scaled by 0.05, done in about a second, not 18 s`, async () => {
      // nano-banana's 15–20 s: the emulator finishes at 19 s × 0.05 = 0.95 s.
      const emulator = mount(vendor, { timeScale: 0.05, durationMs: 19_000 });
      expect(emulator.clientOptions).toEqual({ poll: { timeScale: 0.05 } });
      const client = clientFor(vendor, emulator, { poll: { ...emulator.clientOptions.poll, jitter: 0 } });
      await succeeds(client.generate({ prompt: "a fox" }));
      // First poll one interval after the low end (18 s × 0.05), then every 3 s × 0.05.
      const times = pollTimes(emulator);
      expect(times).toHaveLength(2);
      expect(times[0]).toBeCloseTo(0.9, 6);
      expect(times[1]).toBeCloseTo(1.05, 6);
    });

    it(`${vendor}: without the emulator's options, the client waits the vendor's 18 s for the same task`, async () => {
      const emulator = mount(vendor, { timeScale: 0.05, durationMs: 19_000 });
      const client = clientFor(vendor, emulator, { poll: { jitter: 0 } });
      await succeeds(client.generate({ prompt: "a fox" }));
      expect(pollTimes(emulator)).toEqual([18]);
    });
  }
});
