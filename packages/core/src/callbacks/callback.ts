import { AuthenticationError, ValidationError } from "../errors/errors.js";
import type { TaskHandle, TaskStatus } from "../model/task.js";
import type { ImageProvider } from "../provider/image-provider.js";
import { readLimited } from "../shared/read-limited.js";
import { timingSafeEqual } from "./secret.js";

/** Callback (webhook) mode: vendors POST results to `url`, which the client signs with `secret`. */
export interface CallbackOptions {
  /** Public URL that routes to your handler calling `client.handleCallback(request)`. */
  url: string;
  /** A random string of yours (16 characters at least, 32+ advised); it rides in the URL, since vendors sign nothing. */
  secret: string;
  /** Larger deliveries are rejected unread. Default 256 KiB. */
  maxBodyBytes?: number | undefined;
  /**
   * How long `handleCallback` may take to confirm a delivery with its status call, so the route answers
   * before the vendor gives up on it (APIXO waits 30 s). Default 25 seconds.
   */
  confirmTimeoutMs?: number | undefined;
  /** How long a confirmed result is kept for a `wait` that starts later. Default 1 hour. */
  resultTtlMs?: number | undefined;
}

export const DEFAULT_CONFIRM_TIMEOUT_MS = 25_000;
export const DEFAULT_RESULT_TTL_MS = 60 * 60_000;

const TOKEN = "imagegen_token";
const PROVIDER = "imagegen_provider";
const MODEL = "imagegen_model";
const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

/** The URL given to the vendor for one task: it says whose the task is and carries our secret. */
export function callbackUrlFor(options: CallbackOptions, provider: string, model: string): string {
  const url = new URL(options.url);
  url.searchParams.set(PROVIDER, provider);
  url.searchParams.set(MODEL, model);
  url.searchParams.set(TOKEN, options.secret);
  return url.toString();
}

export interface CallbackDelivery {
  /** The task the delivery is about; confirm its state with one status call before trusting it. */
  handle: TaskHandle;
  claimed: TaskStatus;
}

/**
 * Authenticates and parses a webhook delivery. Throws `AuthenticationError` for a missing or wrong secret
 * and `ValidationError` for anything unreadable, before any task is touched.
 */
export async function readCallback(
  request: Request,
  options: CallbackOptions,
  lookup: (provider: string) => ImageProvider,
  now: number,
): Promise<CallbackDelivery> {
  const params = new URL(request.url).searchParams;
  if (!timingSafeEqual(params.get(TOKEN) ?? "", options.secret)) {
    throw new AuthenticationError("Callback rejected: its URL does not carry this client's callback secret.");
  }
  const provider = params.get(PROVIDER) ?? "";
  const model = params.get(MODEL) ?? "";
  const adapter = lookup(provider);
  if (model === "") {
    throw new ValidationError("Callback rejected: its URL names no model.", { provider });
  }
  const maxBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const bytes = await readLimited(request.body, maxBytes);
  if (bytes === undefined) {
    throw new ValidationError(`Callback rejected: the body is larger than ${maxBytes} bytes.`, { provider });
  }
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(bytes));
  } catch (cause) {
    throw new ValidationError("Callback rejected: the body is not JSON.", { provider, cause });
  }
  const claimed = adapter.parseCallback(body, request.headers);
  const handle = { provider, model, taskId: claimed.taskId, submittedAt: new Date(now).toISOString() };
  return { handle, claimed };
}
