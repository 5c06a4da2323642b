import { createHash } from "node:crypto";
import type { Redis } from "ioredis";

/** Redis's clock in ms, so every process measures windows and leases by one clock whatever its own says. */
export const NOW_MS = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
`;

/**
 * A Lua script run by its SHA (one round trip, the source sent only when the server lacks it). Run through
 * EVALSHA rather than `defineCommand`, which would add methods to the application's own client.
 */
export class LuaScript {
  private readonly sha: string;

  constructor(private readonly source: string) {
    this.sha = createHash("sha1").update(source).digest("hex");
  }

  async run(redis: Redis, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error && error.message.startsWith("NOSCRIPT"))) throw error;
      return await redis.eval(this.source, keys.length, ...keys, ...args);
    }
  }
}
