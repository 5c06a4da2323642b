import type { EmulatorVendor } from "../vendors/emulator-vendor.js";
import { registerEmulatorVendor } from "../vendors/emulator-vendor.js";
import {
  APIXO_BASE_URL,
  APIXO_LIMITS,
  APIXO_STATES,
  type ApixoEmulatorOptions,
  createApixoEmulator,
} from "./apixo-emulator.js";
import { APIXO_FAIL_MESSAGES } from "./apixo-fail-messages.js";

/** APIXO as the loopback server, its CLI, the demo and the conformance suite see it. */
export const apixoVendor: EmulatorVendor<ApixoEmulatorOptions> = {
  id: "apixo",
  label: "APIXO",
  baseUrl: APIXO_BASE_URL,
  states: APIXO_STATES,
  failCodes: APIXO_FAIL_MESSAGES,
  callbacks: true,
  limits: APIXO_LIMITS,
  create: createApixoEmulator,
  example: (emulator) =>
    [
      `  curl -s -X POST ${emulator.baseUrl}/generateTask/nano-banana \\`,
      `    -H "Authorization: Bearer ${emulator.apiKey}" -H "Content-Type: application/json" \\`,
      `    -d '{"request_type":"async","input":{"mode":"text-to-image","prompt":"a fox in watercolor"}}'`,
    ].join("\n"),
};

registerEmulatorVendor(apixoVendor);
