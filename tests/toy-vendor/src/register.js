// @ts-check
// The whole Doodle plug-in: its emulator joins the loopback server, the CLI and the demo; its adapter joins the
// demo's vendors. `import "./register.js"`, or `node --import <this file> <tool>` for a tool already built.
import { registerEmulatorVendor, registerVendorAdapter } from "@org/imagegen-testing";
import { doodle } from "./doodle-adapter.js";
import { doodleVendor } from "./doodle-emulator.js";

/** Undoes both registrations. */
export const unregisterDoodle = ((undoEmulator, undoAdapter) => () => {
  undoEmulator();
  undoAdapter();
})(
  registerEmulatorVendor(doodleVendor),
  registerVendorAdapter({ id: "doodle", keyVariable: "DOODLE_API_KEY", create: doodle }),
);
