// `@org/imagegen-testing/emulator-kit`: what a vendor's emulator module is built from. The built-in vendors use
// the same engine; a new vendor is one module that describes its wire and registers itself.

export type { TaskDirectives } from "./engine/directives.js";
export { EmulatorEngine } from "./engine/emulator-engine.js";
export type { EngineTask, NewTask, VendorProfile } from "./engine/engine-task.js";
export type { ErrorWording } from "./engine/fault.js";
export { imageSize } from "./engine/image-size.js";
export { type StateNames, taskScript } from "./engine/task-script.js";
export { BadRequest, isObject, type JsonObject } from "./engine/wire-check.js";
