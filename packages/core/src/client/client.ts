import { callbackUrlFor, readCallback } from "../callbacks/callback.js";
import { DEFAULT_RETRY_OPTIONS } from "../calls/retry-policy.js";
import { CallbackInbox } from "../coordination/callback-inbox.js";
import { SubmitOutcomeUnknownError, TaskTimeoutError, ValidationError } from "../errors/errors.js";
import type { ImageGenEvent } from "../lifecycle/events.js";
import { failureError } from "../lifecycle/failure-error.js";
import { expectedLatency } from "../lifecycle/poll-schedule.js";
import type { ImageResult, TaskHandle, TaskStatus, Warning } from "../lifecycle/task.js";
import { taskHandleSchema } from "../lifecycle/task.js";
import { waitForTask } from "../lifecycle/wait-for-task.js";
import { watchTask } from "../lifecycle/watch-task.js";
import { checkCapabilities } from "../request/capabilities.js";
import { type ImageRequest, imageRequestSchema } from "../request/image-request.js";
import { type ModelInfo, ModelRegistry } from "../request/model-registry.js";
import { systemClock } from "../shared/clock.js";
import { createDeadline } from "../shared/deadline.js";
import { mergeSettings } from "../shared/settings.js";
import { zodIssues } from "../shared/zod-issues.js";
import {
  callProvider,
  createEmitter,
  createLimiters,
  fetchStatus,
  type ProviderLimiters,
  type Runtime,
} from "./client-context.js";
import {
  type CallOptions,
  checkClientOptions,
  DEFAULT_REQUEST_TIMEOUT_MS,
  DEFAULT_TIMEOUT_MS,
  type ImageClientOptions,
} from "./client-options.js";

export type GenerateRequest = ImageRequest & CallOptions;

export interface ImageClient {
  /** Submits the request and waits for the images. */
  generate(request: GenerateRequest): Promise<ImageResult>;
  /** Submits only; persist the handle to check or resume the task later. */
  submit(request: GenerateRequest): Promise<TaskHandle>;
  /** One status check, from any process. */
  getStatus(handle: TaskHandle, options?: CallOptions): Promise<TaskStatus>;
  /** Waits for a submitted task, e.g. after a restart. */
  wait(handle: TaskHandle, options?: CallOptions): Promise<ImageResult>;
  /** The task's events as an async iterator; ends when the task does, throws what `wait` would. */
  watch(handle: TaskHandle, options?: CallOptions): AsyncIterable<ImageGenEvent>;
  /** Capabilities of every configured model. */
  models(): ModelInfo[];
  /** Verifies a webhook delivery, confirms it with one status call and wakes any waiter on that task. */
  handleCallback(request: Request): Promise<TaskStatus>;
}

/** Creates the unified client over the configured providers. */
export function createImageClient(options: ImageClientOptions): ImageClient {
  const registry = new ModelRegistry(options.providers);
  checkClientOptions(options, registry);
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? {};
  const limiters = new Map<string, ProviderLimiters>();
  const runtime: Runtime = {
    registry,
    clock,
    logger,
    random: options.random ?? Math.random,
    retry: mergeSettings(DEFAULT_RETRY_OPTIONS, options.retry),
    requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    poll: options.poll,
    inbox: new CallbackInbox(),
    limiters(provider) {
      let entry = limiters.get(provider);
      if (!entry) {
        const override = options.limits?.[provider];
        const limits =
          override === false ? undefined : mergeSettings(registry.provider(provider).limits ?? {}, override);
        entry = createLimiters(limits, clock);
        limiters.set(provider, entry);
      }
      return entry;
    },
  };
  const emitterFor = (call: CallOptions | undefined) => createEmitter(logger, options.onEvent, call?.onEvent);
  type Emit = ReturnType<typeof emitterFor>;

  /** Everything that can be checked without the network; throws `ValidationError` before any request. */
  function prepare(request: GenerateRequest, emit: Emit) {
    const { signal: _signal, timeoutMs: _timeout, poll: _poll, onEvent: _onEvent, ...fields } = request;
    const parsed = imageRequestSchema.safeParse(fields);
    if (!parsed.success) {
      const issues = zodIssues(parsed.error);
      const summary = issues.map((issue) => `${issue.path || "request"}: ${issue.message}`).join("; ");
      throw new ValidationError(`Invalid request: ${summary}. Nothing was sent.`, { issues });
    }
    const target = registry.resolve(parsed.data.model ?? options.defaultModel);
    const callbackUrl = options.callback && callbackUrlFor(options.callback, target.provider, target.model);
    const checked = checkCapabilities(parsed.data, target, { strict: options.strict ?? false, callbackUrl });
    for (const warning of checked.warnings) emit({ type: "warning", at: clock.now(), warning });
    return { target, ...checked };
  }

  async function send(prepared: ReturnType<typeof prepare>, signal: AbortSignal, emit: Emit) {
    const { target, request } = prepared;
    const submitted = await callProvider(
      runtime,
      "submit",
      target.provider,
      (ctx) => target.adapter.submit(request, ctx),
      { signal, handle: undefined, emit },
    );
    const handle: TaskHandle = {
      ...submitted,
      provider: target.provider,
      // Stamped by the client's clock, which the poll schedule measures elapsed time with.
      submittedAt: new Date(clock.now()).toISOString(),
      expectedLatencyMs: expectedLatency(target.capabilities, request.resolution),
    };
    emit({ type: "submitted", at: clock.now(), handle });
    emit({
      type: "state",
      at: clock.now(),
      handle,
      state: "queued",
      previous: "submitting",
      status: undefined,
    });
    return handle;
  }

  /** Runs `work` under the call's overall deadline, for calls that have no task to resume yet. */
  async function withDeadline<T>(call: CallOptions, what: string, work: (signal: AbortSignal) => Promise<T>) {
    const timeoutMs = call.timeoutMs ?? runtime.timeoutMs;
    const deadline = createDeadline(clock, timeoutMs, call.signal);
    try {
      return await work(deadline.signal);
    } catch (error) {
      if (!deadline.expired() || SubmitOutcomeUnknownError.isInstance(error)) throw error;
      throw new TaskTimeoutError(`${what} did not complete within ${timeoutMs} ms.`, {
        handle: undefined,
        cause: error,
      });
    } finally {
      deadline.dispose();
    }
  }

  async function finish(handle: TaskHandle, warnings: Warning[], call: CallOptions): Promise<ImageResult> {
    const status = await waitForTask(runtime, handle, {
      signal: call.signal,
      timeoutMs: call.timeoutMs ?? runtime.timeoutMs,
      poll: call.poll,
      emit: emitterFor(call),
      from: "queued",
    });
    if (status.state === "failed") throw failureError(status.failure, handle);
    return { images: status.images, handle, warnings, status };
  }

  function parseHandle(handle: TaskHandle): TaskHandle {
    const parsed = taskHandleSchema.safeParse(handle);
    if (parsed.success) return parsed.data as TaskHandle;
    throw new ValidationError("Invalid task handle: pass the object that submit() returned.", {
      issues: zodIssues(parsed.error),
    });
  }

  const client: ImageClient = {
    async generate(request) {
      const emit = emitterFor(request);
      const prepared = prepare(request, emit);
      const tasks = runtime.limiters(prepared.target.provider).tasks;
      const started = clock.now();
      const rest = () => ({
        ...request,
        timeoutMs: (request.timeoutMs ?? runtime.timeoutMs) - (clock.now() - started),
      });
      // The task slot is held from before submit until the task ends, so the vendor's concurrency cap holds.
      const release = await withDeadline(rest(), "Waiting for a free task slot", async (signal) =>
        tasks?.acquire(signal),
      );
      try {
        const handle = await withDeadline(rest(), "Submitting the task", (signal) =>
          send(prepared, signal, emit),
        );
        return await finish(handle, prepared.warnings, rest());
      } finally {
        release?.();
      }
    },

    async submit(request) {
      const emit = emitterFor(request);
      const prepared = prepare(request, emit);
      return withDeadline(request, "Submitting the task", (signal) => send(prepared, signal, emit));
    },

    async getStatus(handle, call = {}) {
      const parsed = parseHandle(handle);
      return withDeadline(call, `Checking task ${parsed.taskId}`, (signal) =>
        fetchStatus(runtime, parsed, { signal, emit: emitterFor(call) }),
      );
    },

    async wait(handle, call = {}) {
      return finish(parseHandle(handle), [], call);
    },

    watch(handle, call = {}) {
      return watchTask((onEvent, signal) => client.wait(handle, { ...call, onEvent, signal }), call.signal);
    },

    models: () => registry.list(),

    async handleCallback(request) {
      if (!options.callback) {
        throw new ValidationError(
          "Callback mode is off: pass createImageClient({ callback: { url, secret } }).",
        );
      }
      const { handle } = await readCallback(
        request,
        options.callback,
        (name) => registry.provider(name),
        clock.now(),
      );
      const status = await fetchStatus(runtime, handle, {
        // Bounded by the request timeout and retry budget; nobody waits on this call but the webhook.
        signal: new AbortController().signal,
        emit: emitterFor(undefined),
      });
      if (status.state === "succeeded" || status.state === "failed") {
        runtime.inbox.deliver(CallbackInbox.key(handle.provider, handle.taskId), status);
      }
      return status;
    },
  };
  return client;
}
