import { randomUUID } from "node:crypto";
import type { SlotRequest, TaskRef, TaskSlot } from "@org/imagegen-core";
import type { Redis } from "ioredis";
import type { Keys } from "./keys.js";
import { LuaScript, NOW_MS } from "./lua-script.js";
import type { Subscriber } from "./subscriber.js";
import { WaitingLine } from "./waiting-line.js";

// Lua, not redis-semaphore: its semaphore scores holders by the acquiring process's clock and expires them by
// the acquirer's own lock timeout, so a short lease would evict holders of longer ones (each task's lease is its
// own deadline), and clocks of different machines would have to agree. It also waits by polling every few ms.
// Here a holder's score is its own lease's end on Redis's clock, and waiters are woken by a message.

/** Takes a slot when fewer than `capacity` leases are live; else returns the ms until the first one ends. */
const ACQUIRE = new LuaScript(`${NOW_MS}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
  local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
  redis.call('PEXPIRE', KEYS[1], tonumber(last[2]) - now)
  return 0
end
local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(first[2]) - now)
`);

/** Records which slot a task holds and restarts the slot's lease from now, for the task's own run. */
const BIND = new LuaScript(`${NOW_MS}
local ends = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not ends or tonumber(ends) <= now then return 0 end
local lease = tonumber(ARGV[2])
redis.call('ZADD', KEYS[1], 'XX', now + lease, ARGV[1])
redis.call('SET', KEYS[2], ARGV[1], 'PX', lease)
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
redis.call('PEXPIRE', KEYS[1], math.max(1, tonumber(last[2]) - now))
return 1
`);

/** Frees the slot a task holds (once: the record goes with it) and tells waiting processes. */
const RELEASE_TASK = new LuaScript(`
local slot = redis.call('GET', KEYS[2])
if not slot then return 0 end
redis.call('DEL', KEYS[2])
local removed = redis.call('ZREM', KEYS[1], slot)
if removed == 1 then redis.call('PUBLISH', ARGV[1], '1') end
return removed
`);

/** Frees one slot by its id and tells waiting processes. */
const RELEASE_SLOT = new LuaScript(`
local removed = redis.call('ZREM', KEYS[1], ARGV[1])
if removed == 1 then redis.call('PUBLISH', ARGV[2], '1') end
return removed
`);

/** Each provider's task slots, with leases, shared by every process on the same Redis and prefix. */
export class RedisTaskSlots {
  private readonly lines = new Map<string, WaitingLine<SlotRequest, string>>();

  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly subscriber: Subscriber,
  ) {}

  async acquire(provider: string, request: SlotRequest, signal: AbortSignal): Promise<TaskSlot> {
    const slots = this.keys.slots(provider);
    const freed = this.keys.slotFreed(provider);
    const release = (id: string) => RELEASE_SLOT.run(this.redis, [slots], [id, freed]).then(() => undefined);
    let line = this.lines.get(provider);
    if (!line) {
      line = new WaitingLine<SlotRequest, string>({
        attempt: async ({ capacity, leaseMs }) => {
          const id = randomUUID();
          const wait = Number(await ACQUIRE.run(this.redis, [slots], [capacity, Math.ceil(leaseMs), id]));
          return wait === 0 ? { granted: id } : { retryInMs: wait };
        },
        giveBack: release,
        // Leases that run out are found by the timer; slots given back, by the message. The cap covers a
        // message lost to a reconnect.
        maxSleepMs: 1_000,
        watchFrees: (wake) => this.subscriber.listen(freed, wake),
      });
      this.lines.set(provider, line);
    }
    const id = await line.join(request, signal);
    return {
      bind: async (taskId, leaseMs) => {
        await BIND.run(
          this.redis,
          [slots, this.keys.taskSlot({ provider, taskId })],
          [id, Math.ceil(leaseMs)],
        );
      },
      release: () => release(id),
    };
  }

  async release(task: TaskRef): Promise<void> {
    const keys = [this.keys.slots(task.provider), this.keys.taskSlot(task)];
    await RELEASE_TASK.run(this.redis, keys, [this.keys.slotFreed(task.provider)]);
  }
}
