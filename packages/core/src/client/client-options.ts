import type { CallbackOptions } from "../callbacks/callback.js";
import { checkRetryOptions, type RetryOptions } from "../calls/retry-policy.js";
import type { Coordinator } from "../coordination/coordinator.js";
import { ValidationError } from "../errors/errors.js";
import type { EventListener } from "../lifecycle/events.js";
import type { ProviderLimits } from "../model/capabilities.js";
import type { Logger } from "../model/logger.js";
import type { PollOptions } from "../model/poll-options.js";
import type { ValidationIssue } from "../model/validation-issue.js";
import { checkPollOptions } from "../poll/poll-schedule.js";
import type { ModelIdOf, Providers } from "../request/model-ids.js";
import type { ModelRegistry } from "../request/model-registry.js";
import type { Clock } from "../shared/clock.js";
import { timeoutProblem } from "../shared/durations.js";
import type { UploadHook } from "../uploads/upload-references.js";

export const DEFAULT_TIMEOUT_MS = 10 * 60_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
const MIN_CALLBACK_SECRET_LENGTH = 16;

/**
 * What `createImageClient` takes. `P` is the type of `providers`, inferred: it types `defaultModel`, each
 * request's `model` and `providerOptions`.
 */
export interface ImageClientOptions<
  P extends Providers = Providers,
  DefaultModel extends string = ModelIdOf<P>,
> {
  /** Adapters by the name used in `"provider:model"`, e.g. `{ apixo: apixo() }`. */
  providers: P;
  /** `"provider:modelId"` used when a request names no model; checked at creation. */
  defaultModel?: DefaultModel | undefined;
  poll?: PollOptions | undefined;
  /** Overall deadline of a `generate`/`wait`: any length, or `Infinity` for none. Default 10 minutes. */
  timeoutMs?: number | undefined;
  /** Deadline of each single HTTP call (`Infinity`: none). Default 30 seconds. */
  requestTimeoutMs?: number | undefined;
  retry?: RetryOptions | undefined;
  /**
   * Refuse, with a `ValidationError` and nothing sent, an option the model cannot honour (one its vendor does
   * not have, or a value it does not take). Default `false`: it is left out with a warning, as in the AI SDK.
   */
  strict?: boolean | undefined;
  onEvent?: EventListener | undefined;
  logger?: Logger | undefined;
  /** Enables callback (webhook) mode for vendors that support it. */
  callback?: CallbackOptions | undefined;
  /** Override or disable (`false`) a provider's documented request-rate and concurrency limits. */
  limits?: Record<string, ProviderLimits | false> | undefined;
  /**
   * Where the vendors' limits, task slots and callback results are shared. Default: one in-memory coordinator
   * per client. Give several clients the same `inMemoryCoordinator()` to share them in a process, or
   * `@org/imagegen-redis`'s to share them across processes.
   */
  coordinator?: Coordinator | undefined;
  /**
   * Turns reference images given as bytes into public URLs before the submit, e.g. `presignedUpload(…)` or
   * `(file) => fal.storage.upload(file)`. Without it, bytes are a `ValidationError`.
   */
  upload?: UploadHook | undefined;
  /** Injectable time and randomness, for tests and simulations. */
  clock?: Clock | undefined;
  random?: (() => number) | undefined;
}

/** Options every waiting call takes; they override the client's. */
export interface CallOptions {
  signal?: AbortSignal | undefined;
  /** This call's overall deadline: any length, or `Infinity` for none. */
  timeoutMs?: number | undefined;
  poll?: PollOptions | undefined;
  onEvent?: EventListener | undefined;
  /** `submit` and `generate` only: this call's `strict`, over the client's. */
  strict?: boolean | undefined;
  /**
   * `submit` and `generate` only: awaited once a task slot is held, right before the submit request (which may
   * still wait briefly for the request budget). A durable queue records here that a task may exist from now on;
   * if it throws, nothing is sent and the slot is given back.
   */
  beforeSubmit?: (() => Promise<void>) | undefined;
}

/**
 * Fails fast on a client that could never work (a default model that is not configured, a callback URL
 * that is not one), so a typo in config surfaces at start-up rather than at the first request.
 */
export function checkClientOptions(options: ImageClientOptions, registry: ModelRegistry): void {
  const issues: ValidationIssue[] = [
    ...timeoutIssues(options, "timeoutMs"),
    ...timeoutIssues(options, "requestTimeoutMs"),
    ...checkPollOptions(options.poll, "poll"),
    ...checkRetryOptions(options.retry, "retry"),
  ];
  if (options.upload !== undefined && typeof options.upload !== "function") {
    issues.push({
      path: "upload",
      message: "must be a function (file, { signal }) => Promise<URL | string>",
    });
  }
  if (options.callback) {
    const { url, secret, resultTtlMs } = options.callback;
    if (!URL.canParse(url)) issues.push({ path: "callback.url", message: "must be an absolute URL" });
    issues.push(...timeoutIssues(options.callback, "confirmTimeoutMs", "callback."));
    // Kept results are dropped by their age, not by a timer; a result kept forever is a leak.
    if (resultTtlMs !== undefined && !(resultTtlMs > 0 && Number.isFinite(resultTtlMs))) {
      issues.push({ path: "callback.resultTtlMs", message: "must be a finite number of ms greater than 0" });
    }
    if (typeof secret !== "string" || secret.length < MIN_CALLBACK_SECRET_LENGTH) {
      issues.push({
        path: "callback.secret",
        message: `must be a random string of ${MIN_CALLBACK_SECRET_LENGTH}+ characters`,
      });
    }
  }
  throwIfAny("Invalid client options", "", issues);
  if (options.defaultModel !== undefined) registry.resolve(options.defaultModel);
}

/** Checks a call's own time values (`timeoutMs`, `poll`), so a NaN never means "no deadline"; nothing is sent. */
export function checkCallOptions(call: CallOptions): void {
  throwIfAny("Invalid call options", " Nothing was sent.", [
    ...timeoutIssues(call, "timeoutMs"),
    ...checkPollOptions(call.poll, "poll"),
  ]);
}

function timeoutIssues<K extends string>(
  options: { [key in K]?: unknown },
  key: K,
  prefix = "",
): ValidationIssue[] {
  const value = options[key];
  const problem = value === undefined ? undefined : timeoutProblem(value);
  return problem ? [{ path: `${prefix}${key}`, message: problem }] : [];
}

function throwIfAny(what: string, after: string, issues: ValidationIssue[]): void {
  if (issues.length === 0) return;
  const summary = issues.map((issue) => `${issue.path} ${issue.message}`).join("; ");
  throw new ValidationError(`${what}: ${summary}.${after}`, { issues });
}
