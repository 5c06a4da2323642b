// @org/imagegen-redis: the Coordinator contract of @org/imagegen-core on Redis, for many processes.
export {
  type RedisCoordinator,
  type RedisCoordinatorOptions,
  redisCoordinator,
} from "./redis-coordinator.js";
