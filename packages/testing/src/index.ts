export {
  APIXO_BASE_URL,
  APIXO_LIMITS,
  type ApixoEmulatorOptions,
  apixoHandlers,
  createApixoEmulator,
} from "./apixo-emulator.js";
export type { CallbackDelivery } from "./callback-delivery.js";
export type { Scenario, TaskDirectives } from "./directives.js";
export type {
  EmulatedTaskView,
  Emulator,
  EmulatorStats,
  InjectOptions,
  RecordedRequest,
} from "./emulator.js";
export { EMULATOR_API_KEY, type EmulatorLimits, type EmulatorOptions } from "./emulator-options.js";
export { FAIL_MESSAGES } from "./fail-codes.js";
export type { EmulatedCall, Fault } from "./fault.js";
export {
  LOOPBACK_PATHS,
  type RunningEmulator,
  type StartEmulatorOptions,
  startEmulator,
  type VendorId,
} from "./loopback-server.js";
export {
  createXingchaoyiqingEmulator,
  XINGCHAOYIQING_BASE_URL,
  type XingchaoyiqingEmulatorOptions,
  xingchaoyiqingHandlers,
} from "./xingchaoyiqing-emulator.js";
export type { XingchaoyiqingErrorShape } from "./xingchaoyiqing-wire.js";
