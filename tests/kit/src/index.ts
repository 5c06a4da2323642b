export { mountEmulator, pollTimes } from "./emulator-mount.js";
export { useMswServer } from "./msw-server.js";
export { fails, settle, succeeds, useVirtualTime, VIRTUAL_EPOCH } from "./virtual-time.js";
