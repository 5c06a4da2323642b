import { describeWithRedis } from "@org/imagegen-test-kit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ImageJobProgress } from "./image-job.js";
import { JobSetup } from "./test-support/job-setup.js";

describeWithRedis("createImageWorker", (server) => {
  let setup: JobSetup;
  beforeEach(async () => {
    setup = await JobSetup.start(server().url);
  });
  afterEach(async () => {
    await setup.close();
  });
  const stats = () => setup.emulator.apixo.stats();

  describe("a job", () => {
    it("submits once, saves the handle before waiting, and returns the images, the handle and the warnings", async () => {
      const seen: { progress: ImageJobProgress; saved: boolean }[] = [];
      setup.events.on("progress", async ({ jobId, data }) => {
        const job = await setup.queue.queue.getJob(jobId);
        seen.push({ progress: data as ImageJobProgress, saved: job?.data.handle !== undefined });
      });
      setup.worker();
      const { id } = await setup.queue.add({ request: { prompt: "a lighthouse", outputFormat: "jpeg" } });
      await setup.finished(id);

      const outcome = await setup.queue.result(id);
      expect(outcome?.state).toBe("completed");
      if (outcome?.state !== "completed") return;
      const [task] = setup.emulator.apixo.tasks();
      expect(outcome.result.handle.taskId).toBe(task?.id);
      expect(outcome.result.images.map((image) => image.url)).toEqual(task?.imageUrls);
      expect(stats().submits).toBe(1);
      // Every status call came after the handle was in the job.
      const polled = seen.filter(({ progress }) => progress.polls > 0);
      expect(polled.length).toBeGreaterThan(0);
      expect(polled.every(({ saved }) => saved)).toBe(true);
      expect(seen.at(-1)?.progress).toMatchObject({ state: "succeeded", taskId: task?.id });
    });

    it("is enqueued once for one job id, however often it is added", async () => {
      const first = await setup.queue.add({ request: { prompt: "a fox" } }, { jobId: "order-17" });
      const again = await setup.queue.add({ request: { prompt: "a fox" } }, { jobId: "order-17" });
      expect(again.id).toBe(first.id);
      setup.worker();
      await setup.finished(first.id);
      expect(await setup.queue.queue.getJobCounts("completed", "waiting")).toEqual({
        completed: 1,
        waiting: 0,
      });
      expect(stats().submits).toBe(1);
    });

    it("resumes from a saved handle without submitting", async () => {
      const handle = await setup.client().submit({ prompt: "a fox" });
      const job = await setup.queue.queue.add("image", { request: { prompt: "a fox" }, handle });
      setup.worker();
      await setup.finished(String(job.id));
      const outcome = await setup.queue.result(String(job.id));
      expect(outcome).toMatchObject({ state: "completed", result: { handle } });
      expect(stats().submits).toBe(1);
    });

    it("stores each image before it completes, when asked to", async () => {
      setup.worker({
        storeImage: async (image, job) => ({
          url: `s3://bucket/${job.id}/${job.handle.taskId}.png#${image.url}`,
        }),
      });
      const { id } = await setup.queue.add({ request: { prompt: "a fox" } });
      await setup.finished(id);
      const outcome = await setup.queue.result(id);
      const taskId = setup.emulator.apixo.tasks()[0]?.id;
      expect(outcome?.state === "completed" && outcome.result.images[0]?.url).toMatch(
        `s3://bucket/${id}/${taskId}.png#`,
      );
    });
  });

  describe("never pays twice", () => {
    it("fails a job that was submitting without a saved handle with SubmitOutcomeUnknownError, at once", async () => {
      const job = await setup.queue.queue.add("image", {
        request: { prompt: "a fox" },
        submittingSince: "2026-01-01T00:00:00.000Z",
      });
      setup.worker();
      await setup.finished(String(job.id));
      expect(await setup.queue.result(String(job.id))).toMatchObject({
        state: "failed",
        error: { name: "SubmitOutcomeUnknownError", code: "submit_outcome_unknown" },
      });
      expect((await setup.queue.queue.getJob(String(job.id)))?.attemptsMade).toBe(1);
      expect(stats().submits).toBe(0);
    });

    it("fails a job whose submit may have created a task, and does not run it again", async () => {
      setup.worker();
      const { id } = await setup.queue.add({ request: { prompt: "a fox [emulator: submit=504+after]" } });
      await setup.finished(id);
      expect(await setup.queue.result(id)).toMatchObject({
        state: "failed",
        error: { name: "SubmitOutcomeUnknownError" },
      });
      expect((await setup.queue.queue.getJob(id))?.attemptsMade).toBe(1);
      expect(stats().tasksCreated).toBe(1);
    });

    it("takes the vendor's failure as final: the job fails with the typed error, not retried", async () => {
      setup.worker();
      const { id } = await setup.queue.add({
        request: { prompt: "a fox [emulator: fail=CONTENT_VIOLATION]" },
      });
      await setup.finished(id);
      expect(await setup.queue.result(id)).toMatchObject({
        state: "failed",
        error: { name: "ContentPolicyError" },
      });
      expect((await setup.queue.queue.getJob(id))?.attemptsMade).toBe(1);
      expect(stats().submits).toBe(1);
    });

    it("clears its submitting mark when the submit certainly created nothing", async () => {
      setup.worker();
      const { id } = await setup.queue.add({ request: { prompt: "a fox", aspectRatio: "7:3" as "1:1" } });
      await setup.finished(id);
      expect(await setup.queue.result(id)).toMatchObject({
        state: "failed",
        error: { name: "ValidationError" },
      });
      const job = await setup.queue.queue.getJob(id);
      expect(job?.data.submittingSince).toBeUndefined();
      expect(job?.attemptsMade).toBe(1);
      expect(stats().submits).toBe(0);
    });
  });

  describe("vendor limits", () => {
    it("pauses the whole queue on a 429 the client could not ride out, and puts the job back", async () => {
      setup.emulator.apixo.inject("submit", { kind: "http", status: 429 }, { times: 1 });
      setup.worker({ client: setup.client({ retry: { maxAttempts: 1 } }), rateLimitPauseMs: 300 });
      const started = Date.now();
      const { id } = await setup.queue.add({ request: { prompt: "a fox" } });
      const limited = new Promise<number>((resolve) => {
        const check = async () => {
          const ttl = await setup.queue.queue.getRateLimitTtl();
          if (ttl > 0) resolve(ttl);
          else setTimeout(check, 10);
        };
        void check();
      });
      expect(await limited).toBeGreaterThan(0);
      await setup.finished(id);
      expect((await setup.queue.result(id))?.state).toBe("completed");
      // Back in the queue without spending an attempt (the one made is the run that completed), held for the pause.
      expect((await setup.queue.queue.getJob(id))?.attemptsMade).toBe(1);
      expect(Date.now() - started).toBeGreaterThanOrEqual(300);
      expect(stats()).toMatchObject({ submits: 2, tasksCreated: 1 });
    });
  });
});
