import { afterEach, beforeEach, describe, expect, it } from "vitest";

// The `Coordinator` contract of `@org/imagegen-core`, structurally, so the kit imports no package of ours.
interface TaskRef {
  provider: string;
  taskId: string;
}
interface TaskSlot {
  bind(taskId: string, leaseMs: number): Promise<void>;
  release(): Promise<void>;
}
interface ConformingCoordinator<S> {
  acquireRequest(
    provider: string,
    budget: { requests: number; windowMs: number },
    signal: AbortSignal,
  ): Promise<void>;
  acquireTaskSlot(
    provider: string,
    request: { capacity: number; leaseMs: number },
    signal: AbortSignal,
  ): Promise<TaskSlot>;
  releaseTask(task: TaskRef): Promise<void>;
  publishResult(task: TaskRef, status: S, ttlMs: number): Promise<void>;
  readResult(task: TaskRef): Promise<S | undefined>;
  watchResult(task: TaskRef, listener: (status: S) => void): Promise<() => void>;
}

/** Two participants of one fresh coordination state: the same instance in memory, two connections on Redis. */
export interface CoordinatorPeers<S = unknown> {
  a: ConformingCoordinator<S>;
  b: ConformingCoordinator<S>;
  close?(): Promise<void>;
}

const never = new AbortController().signal;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const LONG = { capacity: 1, leaseMs: 60_000 };
/** How soon a waiter must hear of a release: far below any poll interval, far above a loaded machine's lag. */
const WAKE_MS = 400;

/** Whether a promise is still pending after `ms` of real time. */
async function pendingAfter(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let settled = false;
  promise.then(
    () => {
      settled = true;
    },
    () => {
      settled = true;
    },
  );
  await sleep(ms);
  return !settled;
}

function status(taskId: string) {
  return {
    taskId,
    state: "succeeded",
    images: [{ url: `https://files.example/${taskId}.png`, expiresAt: undefined }],
    failure: undefined,
    createdAt: "2026-01-01T00:00:00.000Z",
    completedAt: "2026-01-01T00:00:17.000Z",
    durationMs: 17_000,
    raw: { code: 200, data: { taskId, nested: [1, "two", null] } },
  };
}

/**
 * The behaviour every `Coordinator` must show, run against one implementation with real (short) time. `make` is
 * called before each test and must return participants of a fresh, empty state.
 */
export function describeCoordinator<S>(
  name: string,
  make: () => Promise<CoordinatorPeers<S>> | CoordinatorPeers<S>,
) {
  describe(`Coordinator contract: ${name}`, () => {
    let peers: CoordinatorPeers<S>;
    beforeEach(async () => {
      peers = await make();
    });
    afterEach(async () => {
      await peers.close?.();
    });
    const result = (taskId: string) => status(taskId) as S;

    describe("request budget", () => {
      // Wide enough that three round trips on a busy CI machine fit well inside it.
      const budget = { requests: 3, windowMs: 1_000 };

      it("grants `requests` calls at once, and the next one only when the first leaves the window", async () => {
        const started = performance.now();
        for (let i = 0; i < 3; i++) await peers.a.acquireRequest("p", budget, never);
        // Within the window, not after it: rate-limited calls would each wait for it to pass.
        expect(performance.now() - started).toBeLessThan(budget.windowMs);
        await peers.a.acquireRequest("p", budget, never);
        expect(performance.now() - started).toBeGreaterThanOrEqual(budget.windowMs - 15);
      });

      it("counts the calls of every participant against one budget", async () => {
        const started = performance.now();
        await peers.a.acquireRequest("p", budget, never);
        await peers.b.acquireRequest("p", budget, never);
        await peers.a.acquireRequest("p", budget, never);
        await peers.b.acquireRequest("p", budget, never);
        expect(performance.now() - started).toBeGreaterThanOrEqual(budget.windowMs - 15);
      });

      it("queues callers in order", async () => {
        const order: number[] = [];
        const one = { requests: 1, windowMs: 80 };
        await Promise.all(
          [0, 1, 2, 3].map((i) => peers.a.acquireRequest("p", one, never).then(() => order.push(i))),
        );
        expect(order).toEqual([0, 1, 2, 3]);
      });

      it("lets an aborted caller leave the line with the signal's reason; the next one moves up", async () => {
        const one = { requests: 1, windowMs: 200 };
        await peers.a.acquireRequest("p", one, never);
        const controller = new AbortController();
        const leaving = peers.a.acquireRequest("p", one, controller.signal);
        const next = peers.a.acquireRequest("p", one, never);
        const reason = new Error("caller gave up");
        controller.abort(reason);
        await expect(leaving).rejects.toBe(reason);
        await next;
        await expect(peers.a.acquireRequest("p", one, AbortSignal.abort(reason))).rejects.toBe(reason);
      });

      it("keeps one budget per provider", async () => {
        const one = { requests: 1, windowMs: 5_000 };
        await peers.a.acquireRequest("p", one, never);
        const started = performance.now();
        await peers.b.acquireRequest("q", one, never);
        expect(performance.now() - started).toBeLessThan(1_000);
      });
    });

    describe("task slots", () => {
      it("holds at most `capacity` slots; a waiter gets one when a holder gives it back", async () => {
        const request = { capacity: 2, leaseMs: 60_000 };
        const first = await peers.a.acquireTaskSlot("p", request, never);
        await peers.b.acquireTaskSlot("p", request, never);
        const third = peers.b.acquireTaskSlot("p", request, never);
        expect(await pendingAfter(third, 100)).toBe(true);
        const released = performance.now();
        await first.release();
        await expect(third).resolves.toBeDefined();
        // Woken by the release itself, not by a later retry.
        expect(performance.now() - released).toBeLessThan(WAKE_MS);
      });

      it("frees a bound slot when any participant sees its task end", async () => {
        const slot = await peers.a.acquireTaskSlot("p", LONG, never);
        await slot.bind("task-1", 60_000);
        const waiting = peers.a.acquireTaskSlot("p", LONG, never);
        expect(await pendingAfter(waiting, 100)).toBe(true);
        const released = performance.now();
        await peers.b.releaseTask({ provider: "p", taskId: "task-1" });
        await expect(waiting).resolves.toBeDefined();
        expect(performance.now() - released).toBeLessThan(WAKE_MS);
      });

      it("frees each slot once: releaseTask is idempotent, unknown tasks are fine, release after it is a no-op", async () => {
        const request = { capacity: 2, leaseMs: 60_000 };
        const slot = await peers.a.acquireTaskSlot("p", request, never);
        await slot.bind("task-1", 60_000);
        await peers.a.acquireTaskSlot("p", request, never);
        await peers.a.releaseTask({ provider: "p", taskId: "task-1" });
        await peers.b.releaseTask({ provider: "p", taskId: "task-1" });
        await peers.b.releaseTask({ provider: "p", taskId: "no-such-task" });
        await slot.release();
        await peers.a.acquireTaskSlot("p", request, never);
        expect(await pendingAfter(peers.a.acquireTaskSlot("p", request, never), 150)).toBe(true);
      });

      it("tells tasks of different providers apart", async () => {
        const slot = await peers.a.acquireTaskSlot("p", LONG, never);
        await slot.bind("task-1", 60_000);
        await peers.a.releaseTask({ provider: "q", taskId: "task-1" });
        expect(await pendingAfter(peers.a.acquireTaskSlot("p", LONG, never), 150)).toBe(true);
        await expect(peers.b.acquireTaskSlot("q", LONG, never)).resolves.toBeDefined();
      });

      it("takes back a slot whose lease runs out, so a crashed holder leaks nothing for long", async () => {
        const started = performance.now();
        const slot = await peers.a.acquireTaskSlot("p", { capacity: 1, leaseMs: 250 }, never);
        await slot.bind("abandoned", 250);
        await peers.b.acquireTaskSlot("p", { capacity: 1, leaseMs: 250 }, never);
        const waited = performance.now() - started;
        expect(waited).toBeGreaterThanOrEqual(230);
        expect(waited).toBeLessThan(2_000);
      });

      it("restarts the lease when the slot is bound: the task's own run counts from its submit", async () => {
        const slot = await peers.a.acquireTaskSlot("p", { capacity: 1, leaseMs: 150 }, never);
        await slot.bind("task-1", 60_000);
        expect(await pendingAfter(peers.b.acquireTaskSlot("p", LONG, never), 400)).toBe(true);
      });

      it("serves waiters in order", async () => {
        const holder = await peers.a.acquireTaskSlot("p", LONG, never);
        const order: number[] = [];
        const waiters = [0, 1, 2].map((i) =>
          peers.a.acquireTaskSlot("p", LONG, never).then((slot) => {
            order.push(i);
            return slot;
          }),
        );
        await holder.release();
        for (const waiter of waiters) await (await waiter).release();
        expect(order).toEqual([0, 1, 2]);
      });

      it("lets an aborted waiter leave with the signal's reason, taking no slot", async () => {
        const holder = await peers.a.acquireTaskSlot("p", LONG, never);
        const controller = new AbortController();
        const leaving = peers.a.acquireTaskSlot("p", LONG, controller.signal);
        const reason = new Error("caller gave up");
        controller.abort(reason);
        await expect(leaving).rejects.toBe(reason);
        await expect(peers.a.acquireTaskSlot("p", LONG, AbortSignal.abort(reason))).rejects.toBe(reason);
        await holder.release();
        const started = performance.now();
        await peers.b.acquireTaskSlot("p", LONG, never);
        expect(performance.now() - started).toBeLessThan(1_000);
      });

      it("leaks no slot when the caller aborts while its slot is being taken", async () => {
        const controller = new AbortController();
        const taking = peers.a.acquireTaskSlot("p", LONG, controller.signal);
        controller.abort(new Error("caller gave up"));
        const outcome = await taking.catch((error: unknown) => error);
        if (!(outcome instanceof Error)) await (outcome as TaskSlot).release();
        const started = performance.now();
        await peers.b.acquireTaskSlot("p", LONG, never);
        expect(performance.now() - started).toBeLessThan(1_000);
      });
    });

    describe("confirmed callback results", () => {
      const task = { provider: "p", taskId: "task-1" };

      it("keeps a published result for every participant to read", async () => {
        expect(await peers.b.readResult(task)).toBeUndefined();
        await peers.a.publishResult(task, result("task-1"), 60_000);
        expect(await peers.b.readResult(task)).toEqual(result("task-1"));
        expect(await peers.a.readResult({ provider: "q", taskId: "task-1" })).toBeUndefined();
      });

      it("keeps a failure as it was published", async () => {
        const failed = {
          ...status("task-2"),
          state: "failed",
          images: [],
          failure: {
            kind: "content_policy",
            code: "CONTENT_VIOLATION",
            message: "refused",
            retryable: false,
          },
        };
        await peers.a.publishResult({ provider: "p", taskId: "task-2" }, failed as S, 60_000);
        expect(await peers.b.readResult({ provider: "p", taskId: "task-2" })).toEqual(failed);
      });

      it("forgets it after its TTL", async () => {
        await peers.a.publishResult(task, result("task-1"), 150);
        await sleep(300);
        expect(await peers.b.readResult(task)).toBeUndefined();
      });

      it("wakes the task's watchers in every participant, and only them, until they stop", async () => {
        const seenByB: unknown[] = [];
        const seenByA: unknown[] = [];
        const other: unknown[] = [];
        let deliveredToB: () => void = () => {};
        const delivered = new Promise<void>((resolve) => {
          deliveredToB = resolve;
        });
        const stopB = await peers.b.watchResult(task, (status) => {
          seenByB.push(status);
          deliveredToB();
        });
        const stopA = await peers.a.watchResult(task, (status) => seenByA.push(status));
        const stopOther = await peers.b.watchResult({ provider: "q", taskId: "task-1" }, (s) =>
          other.push(s),
        );
        await peers.a.publishResult(task, result("task-1"), 60_000);
        await Promise.race([delivered, sleep(WAKE_MS)]);
        await sleep(50);
        expect(seenByB).toEqual([result("task-1")]);
        expect(seenByA).toEqual([result("task-1")]);
        expect(other).toEqual([]);
        stopA();
        stopB();
        stopOther();
        await peers.b.publishResult(task, result("task-1"), 60_000);
        await sleep(100);
        expect(seenByA).toHaveLength(1);
        expect(seenByB).toHaveLength(1);
      });
    });
  });
}
