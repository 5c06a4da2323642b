import { ValidationError } from "@org/imagegen-core";
import { describeWithRedis } from "@org/imagegen-test-kit";
import { afterEach, beforeEach, expect, it } from "vitest";
import { JobSetup } from "./test-support/job-setup.js";

describeWithRedis("createImageQueue", (server) => {
  let setup: JobSetup;
  beforeEach(async () => {
    setup = await JobSetup.start(server().url);
  });
  afterEach(async () => {
    await setup.close();
  });

  it("refuses a job without a request, adding nothing", async () => {
    await expect(setup.queue.add({} as never)).rejects.toThrow(ValidationError);
    expect(await setup.queue.queue.count()).toBe(0);
  });

  it("says what it knows of a job: unknown, or pending with its deadline kept", async () => {
    expect(await setup.queue.result("no-such-job")).toBeUndefined();
    const { id } = await setup.queue.add(
      { request: { prompt: "a fox" }, timeoutMs: 60_000 },
      { jobId: "a-1" },
    );
    expect(await setup.queue.result(id)).toEqual({
      state: "pending",
      jobState: "waiting",
      handle: undefined,
    });
    expect((await setup.queue.queue.getJob(id))?.data).toEqual({
      request: { prompt: "a fox" },
      timeoutMs: 60_000,
    });
  });
});
