import { once } from "node:events";
import type { Redis } from "ioredis";

type Listener = (message: string) => void;

/**
 * The coordinator's one subscriber connection (a client in subscribe mode can send nothing else), opened with
 * `redis.duplicate()` on first use and shared by every channel this process listens to.
 */
export class Subscriber {
  private connection: Redis | undefined;
  private ready: Promise<void> | undefined;
  private readonly channels = new Map<string, Set<Listener>>();

  constructor(private readonly redis: Redis) {}

  /** Resolves, once Redis confirms the subscription, with a function that stops this listener. */
  async listen(channel: string, listener: Listener): Promise<() => void> {
    const connection = this.connect();
    let listeners = this.channels.get(channel);
    if (!listeners) {
      listeners = new Set();
      this.channels.set(channel, listeners);
    }
    const own = (message: string) => listener(message);
    listeners.add(own);
    const stop = () => {
      if (!listeners.delete(own) || listeners.size > 0) return;
      this.channels.delete(channel);
      connection.unsubscribe(channel).catch(() => {});
    };
    try {
      // ioredis writes SUBSCRIBE before its ready check on a fresh connection; the check's INFO is then refused
      // in subscriber mode and every pending command fails. So subscribe only on a ready connection.
      await this.whenReady(connection);
      // Sent again even when already subscribed: the reply then also follows any pending UNSUBSCRIBE.
      await connection.subscribe(channel);
    } catch (error) {
      stop();
      throw error;
    }
    return stop;
  }

  async close(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    this.channels.clear();
    if (connection) await connection.quit().catch(() => connection.disconnect());
  }

  /** One wait for "ready" shared by every caller, however many subscribe at once. */
  private whenReady(connection: Redis): Promise<void> {
    if (connection.status === "ready") return Promise.resolve();
    this.ready ??= once(connection, "ready").then(() => {
      this.ready = undefined;
    });
    return this.ready;
  }

  private connect(): Redis {
    if (!this.connection) {
      const connection = this.redis.duplicate();
      connection.on("message", (channel: string, message: string) => {
        for (const listener of [...(this.channels.get(channel) ?? [])]) listener(message);
      });
      this.connection = connection;
    }
    return this.connection;
  }
}
