export {
  APIXO_BASE_URL,
  APIXO_LIMITS,
  type ApixoEmulatorOptions,
  apixoHandlers,
  createApixoEmulator,
} from "./apixo/apixo-emulator.js";
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
export { FAIL_MESSAGES } from "./engine/fail-codes.js";
export type { EmulatedCall, Fault } from "./engine/fault.js";
export { emulatorUpload } from "./server/emulator-upload.js";
export {
  LOOPBACK_PATHS,
  type RunningEmulator,
  type StartEmulatorOptions,
  startEmulator,
  type VendorId,
} from "./server/loopback-server.js";
export {
  createXingchaoyiqingEmulator,
  XINGCHAOYIQING_BASE_URL,
  type XingchaoyiqingEmulatorOptions,
  xingchaoyiqingHandlers,
} from "./xingchaoyiqing/xingchaoyiqing-emulator.js";
export { XINGCHAOYIQING_FAIL_MESSAGES } from "./xingchaoyiqing/xingchaoyiqing-fail-messages.js";
export type { XingchaoyiqingErrorShape } from "./xingchaoyiqing/xingchaoyiqing-responses.js";
