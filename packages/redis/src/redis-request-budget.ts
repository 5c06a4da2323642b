import type { RequestBudget } from "@org/imagegen-core";
import type { Redis } from "ioredis";
import type { Keys } from "./keys.js";
import { LuaScript, NOW_MS } from "./lua-script.js";
import { WaitingLine } from "./waiting-line.js";

/**
 * A sliding log: the grants of the last `windowMs`, one sorted-set member each. Lua, not rate-limiter-flexible:
 * its Redis limiter counts fixed windows of whole seconds, which lets up to twice the budget through around a
 * window's edge, and vendors (APIXO among them) count a sliding window, so that would be answered with 429s.
 * Returns 0 when granted, else the ms until the oldest grant leaves the window.
 */
const TAKE = new LuaScript(`${NOW_MS}
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now)
`);

/** Each provider's request-rate budget, shared by every process on the same Redis and prefix. */
export class RedisRequestBudget {
  private readonly lines = new Map<string, WaitingLine<RequestBudget, true>>();
  private grants = 0;

  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly owner: string,
  ) {}

  acquire(provider: string, budget: RequestBudget, signal: AbortSignal): Promise<void> {
    const key = this.keys.budget(provider, budget.windowMs);
    let line = this.lines.get(key);
    if (!line) {
      line = new WaitingLine<RequestBudget, true>({
        attempt: async ({ requests, windowMs }) => {
          // Members must be unique: several grants can share one millisecond.
          const member = `${this.owner}:${++this.grants}`;
          const wait = Number(await TAKE.run(this.redis, [key], [requests, windowMs, member]));
          return wait === 0 ? { granted: true } : { retryInMs: wait };
        },
        // A grant nobody took is one request fewer in the window: safe, so nothing to give back.
        giveBack: async () => {},
        maxSleepMs: 5_000,
      });
      this.lines.set(key, line);
    }
    return line.join(budget, signal).then(() => undefined);
  }
}
