import type { EmulatorVendor } from "../vendors/emulator-vendor.js";
import { registerEmulatorVendor } from "../vendors/emulator-vendor.js";
import {
  createXingchaoyiqingEmulator,
  XINGCHAOYIQING_BASE_URL,
  XINGCHAOYIQING_STATES,
  type XingchaoyiqingEmulatorOptions,
} from "./xingchaoyiqing-emulator.js";
import { XINGCHAOYIQING_FAIL_MESSAGES } from "./xingchaoyiqing-fail-messages.js";

/** xingchaoyiqing as the loopback server, its CLI, the demo and the conformance suite see it. */
export const xingchaoyiqingVendor: EmulatorVendor<XingchaoyiqingEmulatorOptions> = {
  id: "xingchaoyiqing",
  label: "xingchaoyiqing",
  baseUrl: XINGCHAOYIQING_BASE_URL,
  states: XINGCHAOYIQING_STATES,
  failCodes: XINGCHAOYIQING_FAIL_MESSAGES,
  callbacks: false,
  create: createXingchaoyiqingEmulator,
  example: (emulator) =>
    [
      `  curl -s -X POST ${emulator.baseUrl}/v1/banana/images \\`,
      `    -H "Authorization: Bearer ${emulator.apiKey}" -H "Content-Type: application/json" \\`,
      `    -d '{"model":"nano-banana","prompt":"a fox in watercolor"}'`,
    ].join("\n"),
};

registerEmulatorVendor(xingchaoyiqingVendor);
