import "./built-in-vendors.js";

export {
  APIXO_BASE_URL,
  APIXO_LIMITS,
  type ApixoEmulatorOptions,
  apixoHandlers,
  createApixoEmulator,
} from "./apixo/apixo-emulator.js";
export { APIXO_FAIL_MESSAGES, APIXO_FAIL_MESSAGES as FAIL_MESSAGES } from "./apixo/apixo-fail-messages.js";
export { apixoVendor } from "./apixo/apixo-vendor.js";
export type { BuiltInVendorId } from "./built-in-vendors.js";
export type { CallbackDelivery } from "./engine/callback-delivery.js";
export type { EmulatorClientOptions, EmulatorProviderSettings } from "./engine/client-options.js";
export type { Scenario, TaskDirectives } from "./engine/directives.js";
export type {
  EmulatedTaskView,
  Emulator,
  EmulatorStats,
  InjectOptions,
  RecordedRequest,
} from "./engine/emulator.js";
export { EMULATOR_API_KEY, type EmulatorLimits, type EmulatorOptions } from "./engine/emulator-options.js";
export type { EmulatedCall, Fault } from "./engine/fault.js";
export { emulatorUpload } from "./server/emulator-upload.js";
export {
  type RunningEmulator,
  type StartEmulatorOptions,
  startEmulator,
  type VendorEmulatorOptions,
  type VendorId,
} from "./server/loopback-server.js";
export {
  type EmulatorVendor,
  emulatorVendor,
  emulatorVendors,
  loopbackPath,
  registerEmulatorVendor,
} from "./vendors/emulator-vendor.js";
export { registerVendorAdapter, type VendorAdapter, vendorAdapters } from "./vendors/vendor-adapter.js";
export {
  createXingchaoyiqingEmulator,
  XINGCHAOYIQING_BASE_URL,
  type XingchaoyiqingEmulatorOptions,
  xingchaoyiqingHandlers,
} from "./xingchaoyiqing/xingchaoyiqing-emulator.js";
export { XINGCHAOYIQING_FAIL_MESSAGES } from "./xingchaoyiqing/xingchaoyiqing-fail-messages.js";
export type { XingchaoyiqingErrorShape } from "./xingchaoyiqing/xingchaoyiqing-responses.js";
export { xingchaoyiqingVendor } from "./xingchaoyiqing/xingchaoyiqing-vendor.js";
