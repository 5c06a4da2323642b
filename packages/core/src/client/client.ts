import { callbackUrlFor } from "../callbacks/callback.js";
import { type CallbackCallOptions, CallbackReceiver } from "../callbacks/callback-receiver.js";
import { SubmitOutcomeUnknownError, TaskTimeoutError, ValidationError } from "../errors/errors.js";
import { zodIssues } from "../errors/zod-issues.js";
import type { EventListener, ImageGenEvent } from "../lifecycle/events.js";
import { failureError } from "../lifecycle/failure-error.js";
import { fetchStatus } from "../lifecycle/fetch-status.js";
import { submitTask } from "../lifecycle/submit-task.js";
import { taskHandleSchema } from "../lifecycle/task-handle-schema.js";
import { TaskLifecycle } from "../lifecycle/task-lifecycle.js";
import { enterTaskSlot } from "../lifecycle/task-slot-scope.js";
import { waitForTask } from "../lifecycle/wait-for-task.js";
import { watchTask } from "../lifecycle/watch-task.js";
import type { ImageResult, TaskHandle, TaskStatus, Warning } from "../model/task.js";
import type { ImageRequest } from "../request/image-request.js";
import type { ModelChoice, ModelIdOf, ProviderOptionsOf, Providers } from "../request/model-ids.js";
import type { ModelInfo } from "../request/model-registry.js";
import { prepareRequest } from "../request/prepare-request.js";
import { createDeadline, type Deadline } from "../shared/deadline.js";
import { uploadReferences } from "../uploads/upload-references.js";
import { createClientContext } from "./client-context.js";
import { type CallOptions, checkCallOptions, type ImageClientOptions } from "./client-options.js";
import { createEmitter } from "./emitter.js";

/** What `generate` and `submit` take on a client over `P`: e.g. `GenerateRequest<typeof providers>`. */
export type GenerateRequest<P extends Providers = Providers> = ImageRequest<
  ModelIdOf<P>,
  ProviderOptionsOf<P>
> &
  CallOptions;

/** A request whose `model` literal `M` must be one of the client's ids (a `string` is checked at run time). */
type RequestFor<P extends Providers, M extends string> = ImageRequest<
  ModelChoice<M, ModelIdOf<P>>,
  ProviderOptionsOf<P>
> &
  CallOptions;

/**
 * The unified client over the providers `P`. Written without a type argument, `ImageClient` is a client over
 * any providers: every typed client can be passed where it is expected.
 */
export interface ImageClient<P extends Providers = Providers> {
  /** Submits the request and waits for the images. */
  generate<const M extends ModelIdOf<P> | (string & {}) = ModelIdOf<P>>(
    request: RequestFor<P, M>,
  ): Promise<ImageResult>;
  /** Submits only; persist the handle to check or resume the task later. */
  submit<const M extends ModelIdOf<P> | (string & {}) = ModelIdOf<P>>(
    request: RequestFor<P, M>,
  ): Promise<TaskHandle>;
  /** One status check, from any process. */
  getStatus(handle: TaskHandle, options?: CallOptions): Promise<TaskStatus>;
  /** Waits for a submitted task, e.g. after a restart. */
  wait(handle: TaskHandle, options?: CallOptions): Promise<ImageResult>;
  /** The task's events as an async iterator; ends when the task does, throws what `wait` would. */
  watch(handle: TaskHandle, options?: CallOptions): AsyncIterable<ImageGenEvent>;
  /** Capabilities of every configured model. */
  models(): ModelInfo<ModelIdOf<P>>[];
  /**
   * Verifies a webhook delivery, confirms it with one status call (shared by duplicate deliveries) within
   * `callback.confirmTimeoutMs`, keeps the result and wakes every waiter on that task, in any process sharing
   * the coordinator. Answer the vendor 200 when it resolves; on an error, a non-2xx makes it deliver again.
   */
  handleCallback(request: Request, options?: CallbackCallOptions): Promise<TaskStatus>;
}

/**
 * Creates the unified client over the configured providers. Their types make `model: "apixo:nano-banana"`
 * autocomplete and a model typo or an unknown provider option a compile error; the same checks run again at
 * run time, before anything is sent.
 */
export function createImageClient<
  P extends Providers,
  const DefaultModel extends ModelIdOf<P> | (string & {}) = ModelIdOf<P>,
>(options: ImageClientOptions<P, ModelChoice<DefaultModel, ModelIdOf<NoInfer<P>>>>): ImageClient<P> {
  const context = createClientContext(options);
  const { clock, registry } = context;
  const emitterFor = (call: CallOptions | undefined): EventListener =>
    createEmitter(context.logger, options.onEvent, call?.onEvent);
  /** Every call makes its deadline before it sends anything, so its time values are checked here. */
  const deadlineFor = (call: CallOptions): Deadline => {
    checkCallOptions(call);
    return createDeadline(clock, call.timeoutMs ?? context.timeoutMs, call.signal);
  };
  const callbacks = new CallbackReceiver(context, options.callback, emitterFor(undefined));
  const { callback } = options;
  const requestSettings = {
    ...options,
    callbackUrl: callback && ((provider: string, model: string) => callbackUrlFor(callback, provider, model)),
  };

  /** Waits for the task and turns a vendor-reported failure into its typed error. */
  async function finish(
    handle: TaskHandle,
    warnings: Warning[],
    call: CallOptions,
    deadline: Deadline,
    lifecycle: TaskLifecycle,
  ): Promise<ImageResult> {
    const { signal, poll } = call;
    const status = await waitForTask(context, handle, { deadline, signal, poll, lifecycle });
    if (status.state === "failed") throw failureError(status.failure, handle);
    return { images: status.images, handle, warnings, status };
  }

  /** Checks the request and opens its lifecycle; emits the request's warnings. Nothing is sent yet. */
  function start(request: GenerateRequest) {
    const emit = emitterFor(request);
    const {
      signal: _signal,
      timeoutMs: _timeout,
      poll: _poll,
      onEvent: _onEvent,
      beforeSubmit: _beforeSubmit,
      strict = options.strict,
      ...fields
    } = request;
    const prepared = prepareRequest(fields, registry, { ...requestSettings, strict });
    for (const warning of prepared.warnings) emit({ type: "warning", at: clock.now(), warning });
    return { prepared, lifecycle: new TaskLifecycle(emit, clock, { state: "submitting" }) };
  }

  /** Uploads any byte references, waits for a task slot, then submits: all within the call's one deadline. */
  async function submitWithin(request: GenerateRequest, deadline: Deadline) {
    const { prepared, lifecycle } = start(request);
    // Uploads come before the task slot, so a slow upload does not hold one of the vendor's slots.
    const ready = await beforeDeadline(deadline, "Uploading the reference images", () =>
      uploadReferences(prepared, { upload: options.upload, logger: context.logger }, deadline, lifecycle),
    );
    let handle: TaskHandle;
    try {
      const slot = await beforeDeadline(deadline, "Waiting for a free task slot", () =>
        enterTaskSlot(context, ready, { poll: request.poll, signal: deadline.signal }),
      );
      handle = await slot.run({
        before: request.beforeSubmit,
        submit: () =>
          beforeDeadline(deadline, "Submitting the task", () =>
            submitTask(context, ready, deadline, lifecycle),
          ),
      });
    } catch (error) {
      // No handle: the lifecycle ends after the slot was given back (or kept for its lease, if a task may exist).
      lifecycle.endBeforeTask(deadline);
      throw error;
    }
    lifecycle.submitted(handle);
    return { handle, warnings: ready.warnings, lifecycle };
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
      const deadline = deadlineFor(request);
      try {
        // The task slot is held from before submit until any call sees the task end (or its lease runs out).
        const { handle, warnings, lifecycle } = await submitWithin(request, deadline);
        return await finish(handle, warnings, request, deadline, lifecycle);
      } finally {
        deadline.dispose();
      }
    },

    async submit(request) {
      const deadline = deadlineFor(request);
      try {
        return (await submitWithin(request, deadline)).handle;
      } finally {
        deadline.dispose();
      }
    },

    async getStatus(handle, call = {}) {
      const parsed = parseHandle(handle);
      const deadline = deadlineFor(call);
      try {
        const status = await beforeDeadline(deadline, `Checking task ${parsed.taskId}`, () =>
          fetchStatus(context, parsed, { signal: deadline.signal, emit: emitterFor(call) }),
        );
        if (isFinal(status)) await context.coordinator.releaseTask(parsed);
        return status;
      } finally {
        deadline.dispose();
      }
    },

    async wait(handle, call = {}) {
      const parsed = parseHandle(handle);
      const deadline = deadlineFor(call);
      const lifecycle = new TaskLifecycle(emitterFor(call), clock, { state: "queued", handle: parsed });
      try {
        return await finish(parsed, [], call, deadline, lifecycle);
      } finally {
        deadline.dispose();
      }
    },

    watch(handle, call = {}) {
      return watchTask((onEvent, signal) => client.wait(handle, { ...call, onEvent, signal }), call.signal);
    },

    models: () => registry.list(),

    async handleCallback(request, call = {}) {
      checkCallOptions(call);
      return callbacks.handle(request, call);
    },
  };
  return client as ImageClient<P>;
}

const isFinal = (status: TaskStatus) => status.state === "succeeded" || status.state === "failed";

/**
 * Runs one step of a call under its deadline; when the deadline is what ended the step, the caller gets a
 * `TaskTimeoutError` saying which step. A submit that may have created a task keeps its own error.
 */
async function beforeDeadline<T>(deadline: Deadline, step: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (
      !deadline.expired() ||
      SubmitOutcomeUnknownError.isInstance(error) ||
      TaskTimeoutError.isInstance(error)
    )
      throw error;
    throw new TaskTimeoutError(`${step} did not complete within ${deadline.timeoutMs} ms.`, {
      handle: undefined,
      cause: error,
    });
  }
}
