import { excerpt, type HttpClient, type HttpFailure, parseWire } from "@org/imagegen-core/provider";
import * as z from "@org/imagegen-core/schema";
import { apixoError } from "./apixo-errors.js";

/** `code` is a number on the wire; a string of digits is read the same, to be tolerant. */
const code = z.union([z.number(), z.pipe(z.string().check(z.regex(/^\d+$/)), z.transform(Number))]);

/** Every answer: `{ code, message, data }`. `code != 200` is an error whatever the HTTP status. */
export const envelopeSchema = z.object({
  code,
  message: z.pipe(
    z.nullish(z.string()),
    z.transform((message) => message ?? undefined),
  ),
  data: z.unknown(),
});

const taskId = z.string().check(z.minLength(1));

export const submitDataSchema = z.object({ taskId });

const millis = z.nullish(z.number().check(z.nonnegative()));

/** `data` of a status answer and of a callback delivery. Optional fields may also come as `null`. */
export const taskDataSchema = z.object({
  taskId,
  state: z.string(),
  /** A string holding `{"resultUrls":[…]}`; an object is accepted too, in case it ever comes parsed. */
  resultJson: z.nullish(z.union([z.string(), z.record(z.string(), z.unknown())])),
  failCode: z.nullish(z.string()),
  failMsg: z.nullish(z.string()),
  createTime: millis,
  completeTime: millis,
  costTime: millis,
});

export type ApixoTaskData = z.output<typeof taskDataSchema>;

export const resultSchema = z.object({ resultUrls: z.array(z.url({ protocol: /^https?$/ })) });

/** `providerOptions.apixo`: the routing strategy, and the `input` object for pass-through models. */
export interface ApixoProviderOptions {
  /** APIXO's `provider` field: `auto` (default), `value` (cheapest) or `official`. */
  route?: "auto" | "value" | "official" | undefined;
  /** Sent as `input` (merged over the mapped fields): other models' own fields, or fields newer than this SDK. */
  input?: Record<string, unknown> | undefined;
}

// Written out above rather than inferred, so the published types need no zod of the user's.
export const apixoOptionsSchema: z.ZodMiniType<ApixoProviderOptions> = z.strictObject({
  /** APIXO's `provider` field: `auto` (default), `value` (cheapest) or `official`. */
  route: z.optional(z.enum(["auto", "value", "official"])),
  /** Sent as `input` (merged over the mapped fields): other models' own fields, or fields newer than this SDK. */
  input: z.optional(z.record(z.string(), z.unknown())),
});

/**
 * Reads an answer down to its `data`: an HTTP error status or an envelope `code` other than 200 becomes the
 * typed error for it (the docs say either may carry the error), anything unreadable a retryable `ProviderError`.
 */
export async function readEnvelope(
  http: HttpClient,
  response: Response,
  context: { provider: string; model: string; taskId?: string | undefined; what: string },
): Promise<unknown> {
  const { provider, model, taskId } = context;
  const errorFor = (failure: HttpFailure) => apixoError({ ...failure, model });
  const body = await http.read(response, { provider, taskId, errorFor });
  const envelope = parseWire(envelopeSchema, body, { provider, taskId, what: context.what });
  if (envelope.code !== 200) {
    throw errorFor({
      provider,
      taskId,
      status: envelope.code,
      message: envelope.message,
      body: excerpt(JSON.stringify(body)),
      retryAfter: response.headers.get("retry-after"),
      inBody: true,
    });
  }
  return envelope.data;
}
