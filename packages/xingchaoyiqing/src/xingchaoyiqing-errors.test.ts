import {
  AuthenticationError,
  InsufficientBalanceError,
  type ProviderError,
  ValidationError,
} from "@org/imagegen-core";
import { fails, settle, succeeds, useMswServer } from "@org/imagegen-test-kit";
import type { XingchaoyiqingErrorShape } from "@org/imagegen-testing";
import { describe, expect, it } from "vitest";
import { emulatedXingchaoyiqing } from "./test-support/emulated-xingchaoyiqing.js";
import { xingchaoyiqing } from "./xingchaoyiqing-provider.js";

// Classes of every HTTP fault, retries and the key's safety are in xingchaoyiqing-conformance.test.ts (the
// suite every adapter runs); here is what only xingchaoyiqing's undocumented error bodies need.
const server = useMswServer();
const SHAPES: XingchaoyiqingErrorShape[] = ["object", "string", "message"];

describe("HTTP errors (undocumented: mapped by status, raw body kept)", () => {
  const cases = [
    [400, ValidationError],
    [401, AuthenticationError],
    [402, InsufficientBalanceError],
    [403, AuthenticationError],
  ] as const;
  for (const errorShape of SHAPES) {
    for (const [status, errorClass] of cases) {
      it(`${status} with an ${errorShape}-shaped body → ${errorClass.errorName}, with the vendor's message`, async () => {
        const { client, emulator } = emulatedXingchaoyiqing(server, { emulator: { errorShape } });
        emulator.inject("submit", { kind: "http", status, message: `refused ${status}` });
        const error = await fails(client.generate({ prompt: "a cat" }));
        expect(errorClass.isInstance(error)).toBe(true);
        expect(error.message).toContain(`refused ${status}`);
        expect(error).toMatchObject({ statusCode: status, retryable: false, provider: "xingchaoyiqing" });
        expect(JSON.parse((error as ProviderError).responseBody ?? "")).toEqual(
          errorShape === "object"
            ? { error: { message: `refused ${status}`, type: expect.any(String), code: status } }
            : { [errorShape === "string" ? "error" : "message"]: `refused ${status}` },
        );
        expect(emulator.stats().submits).toBe(1);
      });
    }
  }

  it("404 on a query: the vendor does not know the task; final", async () => {
    const { client, emulator } = emulatedXingchaoyiqing(server);
    const handle = await client.submit({ prompt: "a cat" });
    const { error } = await settle(client.getStatus({ ...handle, taskId: "nb_unknown" }));
    expect(error).toMatchObject({ name: "ProviderError", statusCode: 404, retryable: false });
    expect((error as Error).message).toMatch(/does not know task nb_unknown \(HTTP 404: Task not found\)/);
    expect(emulator.stats().statusCalls).toBe(1);
  });
});

describe("an error body inside an HTTP 200 answer", () => {
  it("a 404 code on a query is about the task", async () => {
    const { client, emulator } = emulatedXingchaoyiqing(server);
    emulator.inject("status", { kind: "in-body", code: 404 });
    const handle = await client.submit({ prompt: "a cat" });
    const { error } = await settle(client.getStatus(handle));
    expect((error as Error).message).toMatch(/does not know task nb_\w+ \(code 404/);
  });

  for (const errorShape of ["string", "message"] as const) {
    it(`without a code (${errorShape}-shaped): a ProviderError with the message; a query retries it`, async () => {
      const { client, emulator } = emulatedXingchaoyiqing(server, { emulator: { errorShape } });
      emulator.inject("status", { kind: "in-body", code: 500, message: "busy" }, { times: 1 });
      const result = await succeeds(client.generate({ prompt: "a cat" }));
      expect(result.images).toHaveLength(1);

      emulator.inject("submit", { kind: "in-body", code: 500, message: "busy" });
      const error = await fails(client.generate({ prompt: "a cat" }));
      expect(error).toMatchObject({
        name: "ProviderError",
        reason: "http",
        message: expect.stringContaining("busy"),
      });
      expect(emulator.stats().tasksCreated).toBe(1);
    });
  }
});

describe("a failed task's error message, read for what it means", () => {
  const adapter = xingchaoyiqing({ apiKey: "unused" });
  const failure = (error: string) =>
    adapter.parseCallback({ id: "nb_1", status: "failed", image_url: null, error }, new Headers()).failure;

  const refusals = [
    "Content does not meet safety guidelines",
    "Your request was rejected as a result of our safety system",
    "The prompt violates our content policy",
    "Image generation blocked: IMAGE_SAFETY",
    "request flagged as NSFW",
    "Generated image may contain inappropriate content",
    "The input contains sensitive information",
    "PROHIBITED_CONTENT",
    "内容违规：提示词或参考图片未通过安全审核",
    "提示词包含敏感词，请修改后重试",
    "生成内容不安全",
    "图片审核未通过",
    "检测到色情内容",
  ];
  for (const message of refusals) {
    it(`"${message}" is a content refusal`, () => {
      expect(failure(message)).toEqual({
        kind: "content_policy",
        code: "CONTENT_POLICY",
        message,
        retryable: false,
      });
    });
  }

  const balance = [
    "Insufficient balance",
    "insufficient_quota: you have run out of credits",
    "The account does not have enough balance for the task",
    "账户余额不足，请充值后重试",
    "额度不足",
    "您的账户已欠费",
  ];
  for (const message of balance) {
    it(`"${message}" is an account out of credit`, () => {
      expect(failure(message)).toMatchObject({ kind: "insufficient_balance", code: "INSUFFICIENT_BALANCE" });
    });
  }

  const others = [
    "Generation did not finish in time",
    "上游服务异常，请稍后重试",
    "参考图片下载失败，请检查图片链接是否可以公开访问",
    "Upstream returned 503",
    "no reason given",
  ];
  for (const message of others) {
    it(`"${message}" is another failure`, () => {
      expect(failure(message)).toMatchObject({ kind: "task_failed", code: "GENERATION_FAILED" });
    });
  }
});
