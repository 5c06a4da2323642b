import type { TaskRef } from "@org/imagegen-core";

/**
 * Where each piece of shared state lives. Every key of one provider carries the provider as its hash tag
 * (`{…}`), so one script's keys share a Redis Cluster slot. Names are URI-encoded: a provider or task id
 * can hold neither a separator nor a brace that would change the hash tag.
 */
export class Keys {
  constructor(private readonly prefix: string) {}

  private base(provider: string): string {
    return `${this.prefix}:{${encodeURIComponent(provider)}}`;
  }

  /** Sorted set of the provider's recent requests, scored by when they were granted. */
  budget(provider: string, windowMs: number): string {
    return `${this.base(provider)}:budget:${windowMs}`;
  }

  /** Sorted set of the provider's held task slots, scored by when their lease runs out. */
  slots(provider: string): string {
    return `${this.base(provider)}:slots`;
  }

  /** Channel told each time one of the provider's slots is freed, so waiters in every process try again. */
  slotFreed(provider: string): string {
    return `${this.base(provider)}:slot-freed`;
  }

  /** The slot a task holds, until the task ends or the lease runs out. */
  taskSlot({ provider, taskId }: TaskRef): string {
    return `${this.base(provider)}:task:${encodeURIComponent(taskId)}`;
  }

  /** A task's confirmed result (a key) and the channel that announces it (same name, another namespace). */
  result({ provider, taskId }: TaskRef): string {
    return `${this.base(provider)}:result:${encodeURIComponent(taskId)}`;
  }
}
