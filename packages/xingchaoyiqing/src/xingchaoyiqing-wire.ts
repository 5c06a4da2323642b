import { ProviderError } from "@org/imagegen-core";
import { excerpt, type HttpClient, httpError, vendorMessage } from "@org/imagegen-core/provider";
import * as z from "@org/imagegen-core/schema";

const id = z.string().check(z.minLength(1));

/** The create answer: `{ id, object: "nanobanana", created, model, status }`. */
export const createdSchema = z.object({ id, status: z.nullish(z.string()) });

/** The query answer. Fields that do not apply may be absent or `null`. */
export const taskSchema = z.object({
  id,
  status: z.string(),
  /** Unix seconds. */
  created: z.nullish(z.number().check(z.nonnegative())),
  image_url: z.nullish(z.string()),
  /** A message, or (tolerated) an object carrying one. */
  error: z.nullish(z.union([z.string(), z.object({ message: z.nullish(z.string()) })])),
});

/** What a completed task's `image_url` must be to be of use. */
export const resultUrlSchema = z.url({ protocol: /^https?$/ });

/** `providerOptions.xingchaoyiqing`. */
/** `providerOptions.xingchaoyiqing`. */
export interface XingchaoyiqingProviderOptions {
  /** Merged over the create body: fields newer than this SDK. */
  body?: Record<string, unknown> | undefined;
}

// Written out above rather than inferred, so the published types need no zod of the user's.
export const xingchaoyiqingOptionsSchema: z.ZodMiniType<XingchaoyiqingProviderOptions> = z.strictObject({
  /** Merged over the create body: fields newer than this SDK. */
  body: z.optional(z.record(z.string(), z.unknown())),
});

/** An error body in an HTTP 200 answer: no task `id`, but an `error` or `message`. */
function inBodyError(body: unknown): { code: number | undefined; message: string | undefined } | undefined {
  if (typeof body !== "object" || body === null || "id" in body) return undefined;
  const { error, message, code } = body as Record<string, unknown>;
  if (error == null && message == null) return undefined;
  const nested =
    typeof error === "object" && error !== null ? (error as Record<string, unknown>).code : undefined;
  const status = [nested, code].map(Number).find((value) => Number.isInteger(value) && value >= 400);
  return { code: status, message: vendorMessage(body) };
}

/**
 * Reads an answer. HTTP errors are not documented, so core's usual reading of each status applies, with the raw
 * body kept on the error; an error body inside an HTTP 200 answer is read the same way.
 */
export async function readAnswer(
  http: HttpClient,
  response: Response,
  context: { provider: string; taskId?: string | undefined },
): Promise<unknown> {
  const { provider, taskId } = context;
  const body = await http.read(response, { provider, taskId });
  const error = inBodyError(body);
  if (error === undefined) return body;
  const responseBody = excerpt(JSON.stringify(body));
  if (error.code === undefined) {
    throw new ProviderError(`${provider} answered with an error: ${error.message ?? "no message"}.`, {
      provider,
      taskId,
      reason: "http",
      retryable: true,
      statusCode: response.status,
      responseBody,
    });
  }
  throw httpError({
    provider,
    taskId,
    status: error.code,
    message: error.message,
    body: responseBody,
    retryAfter: response.headers.get("retry-after"),
    inBody: true,
  });
}
