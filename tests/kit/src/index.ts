export { type CoordinatorPeers, describeCoordinator } from "./coordinator-conformance.js";
export { mountEmulator, pollTimes } from "./emulator-mount.js";
export { useMswServer } from "./msw-server.js";
export {
  describeWithRedis,
  type RedisServer,
  redisServerInstalled,
  startRedisServer,
} from "./redis-server.js";
export { fails, settle, succeeds, useVirtualTime, VIRTUAL_EPOCH } from "./virtual-time.js";
