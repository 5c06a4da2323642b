import { createHttpClient } from "@org/imagegen-core/provider";
import { describe, expect, it } from "vitest";
import { readAnswer } from "./xingchaoyiqing-wire.js";

const context = { provider: "xingchaoyiqing", taskId: "nb_1" };
const http = createHttpClient({ baseUrl: "https://api.xingchaoyiqing.test", apiKey: () => "sk-test-key" });

describe("reading an answer", () => {
  it("passes through a body that is neither a task nor an error, for the caller's schema to judge", async () => {
    expect(await readAnswer(http, Response.json([1]), context)).toEqual([1]);
    expect(await readAnswer(http, Response.json({}), context)).toEqual({});
  });

  it("a task's own error field is not an error answer", async () => {
    const failed = { id: "nb_1", status: "failed", error: "boom" };
    expect(await readAnswer(http, Response.json(failed), context)).toEqual(failed);
  });

  it("an error body with nothing to say still says what happened", async () => {
    await expect(readAnswer(http, Response.json({ error: {} }), context)).rejects.toMatchObject({
      name: "ProviderError",
      message: "xingchaoyiqing answered with an error: no message.",
      statusCode: 200,
      responseBody: '{"error":{}}',
    });
  });

  it("a top-level code counts as the status", async () => {
    await expect(
      readAnswer(http, Response.json({ code: 429, message: "slow down" }), context),
    ).rejects.toMatchObject({
      name: "RateLimitError",
    });
  });

  it("a bare 404 names the task", async () => {
    await expect(readAnswer(http, new Response(null, { status: 404 }), context)).rejects.toMatchObject({
      message: "xingchaoyiqing does not know task nb_1 (HTTP 404). Use the handle submit() returned.",
    });
  });
});
