import { HttpResponse, http, type RequestHandler } from "msw";
import { type CallbackDelivery, deliverCallback } from "./callback-delivery.js";
import { DirectiveError, parseDirectives, type Scenario, type TaskDirectives } from "./directives.js";
import type { EmulatedTaskView, Emulator, EmulatorStats, RecordedRequest } from "./emulator.js";
import { EMULATOR_API_KEY, type EmulatorLimits, type EmulatorOptions } from "./emulator-options.js";
import { type EmulatedCall, type ErrorWording, type Fault, withFault } from "./fault.js";
import { FaultQueue } from "./fault-queue.js";
import { type ImageSpec, MEDIA_TYPE, renderImage } from "./image-render.js";
import { LimitGate } from "./limit-gate.js";
import { seededRandom } from "./random.js";
import type { StateNames } from "./task-script.js";
import { buildTimeline, stateAt, type Timeline } from "./timeline.js";
import { BadRequest, type JsonObject, readJsonBody } from "./wire-check.js";

/** A task as the engine keeps it; the vendor module turns it into wire shapes. */
export interface EngineTask {
  readonly id: string;
  readonly model: string;
  readonly createdAt: number;
  readonly timeline: Timeline;
  /** The fail code and message, for a task whose last state is the failed one. */
  readonly failure: { code: string; message: string } | undefined;
  readonly images: readonly ImageSpec[];
  readonly result: TaskDirectives["result"];
  readonly imageFault: Fault | undefined;
  /** How long result URLs live after completion (already scaled). */
  readonly resultTtlMs: number;
  readonly request: unknown;
}

export interface NewTask {
  id: string;
  model: string;
  /** Emulated latency range before scaling; a directive or the `durationMs` option overrides it. */
  latencyMs: { min: number; max: number };
  states: readonly string[];
  failure: EngineTask["failure"];
  images: readonly ImageSpec[];
  directives: TaskDirectives;
  resultTtlMs: number;
  request: unknown;
  callback?: { url: string; payload: (task: EngineTask) => unknown };
}

export interface VendorProfile {
  readonly vendor: Emulator["vendor"];
  readonly baseUrl: string;
  readonly wording: ErrorWording;
  readonly states: StateNames;
  readonly limits: EmulatorLimits | undefined;
}

const RENDER_CACHE_SIZE = 16;
/** A long-running emulator keeps the newest requests only (half are dropped at once, to keep pushes cheap). */
const MAX_RECORDED_REQUESTS = 100_000;

type MutableStats = { -readonly [K in keyof EmulatorStats]: EmulatorStats[K] };

/** What both vendor emulators share: tasks, faults, auth, quotas, files, callbacks and the records. */
export class EmulatorEngine {
  readonly profile: VendorProfile;
  readonly options: EmulatorOptions;
  readonly apiKey: string;
  readonly timeScale: number;
  readonly filesUrl: string;
  readonly faults = new FaultQueue();
  scenario: Scenario;
  #tasks = new Map<string, EngineTask>();
  #requests: RecordedRequest[] = [];
  #deliveries: CallbackDelivery[] = [];
  #random: () => number;
  #gate: LimitGate;
  #stats: MutableStats = emptyStats();
  #timers = new Set<ReturnType<typeof setTimeout>>();
  #promptFaults = new Map<string, number>();
  #renders = new Map<string, Uint8Array>();
  #closed = false;

  constructor(profile: VendorProfile, options: EmulatorOptions) {
    this.profile = profile;
    this.options = options;
    this.apiKey = options.apiKey ?? EMULATOR_API_KEY;
    this.timeScale = options.timeScale ?? 1;
    this.filesUrl = trimSlash(
      options.filesUrl ?? `${new URL(profile.baseUrl).origin}/emulator-files/${profile.vendor}`,
    );
    this.#random = seededRandom(options.seed ?? 1);
    this.scenario = options.scenario ?? {};
    this.#gate = new LimitGate(profile.limits);
  }

  /**
   * Answers one call: an injected fault first (it sits in front of the vendor, like a proxy), then the key and
   * the request quota, then `work`. Every answer is recorded.
   */
  async serve(
    call: EmulatedCall,
    request: Request,
    work: () => Promise<Response>,
    scope: { taskId?: string | undefined; fault?: Fault | undefined } = {},
  ): Promise<Response> {
    this.#count(call);
    const fault = this.faults.take(call, scope.taskId) ?? scope.fault;
    if (fault !== undefined) this.#stats.faultsInjected++;
    const response = await withFault(fault, this.profile.wording, request, async () => {
      if (call === "file") return work();
      if (!this.#authorized(request)) return this.profile.wording.httpError(401);
      if (!this.#gate.admitRequest(Date.now())) return this.#rateLimited();
      return work();
    });
    if (this.#requests.length >= MAX_RECORDED_REQUESTS) this.#requests.splice(0, MAX_RECORDED_REQUESTS / 2);
    this.#requests.push({
      call,
      method: request.method,
      url: request.url,
      authorization: request.headers.get("authorization"),
      status: response.type === "error" ? 0 : response.status,
      at: Date.now(),
    });
    return response;
  }

  /**
   * Answers a submit: reads the body and the prompt's marker, then (behind faults, key and quota) checks the body,
   * the concurrent-task quota, and creates. A BadRequest thrown by `read` is the vendor's 400.
   */
  async serveSubmit<T>(
    request: Request,
    promptOf: (body: JsonObject) => unknown,
    read: (body: JsonObject) => T,
    create: (input: T, body: JsonObject, directives: TaskDirectives) => Response,
  ): Promise<Response> {
    const body = await readJsonBody(request.clone());
    const prompt = body instanceof BadRequest ? undefined : promptOf(body);
    let directives: TaskDirectives | BadRequest;
    try {
      directives = { ...this.scenario, ...parseDirectives(prompt) };
    } catch (error) {
      if (!(error instanceof DirectiveError)) throw error;
      directives = new BadRequest(error.message);
    }
    const fault =
      directives instanceof BadRequest || typeof prompt !== "string"
        ? undefined
        : this.#promptFault(prompt, directives);
    return this.serve(
      "submit",
      request,
      async () => {
        try {
          if (body instanceof BadRequest) throw body;
          if (directives instanceof BadRequest) throw directives;
          const input = read(body);
          if (!this.#gate.hasTaskCapacity(Date.now())) return this.#rateLimited();
          return create(input, body, directives);
        } catch (error) {
          if (error instanceof BadRequest)
            return this.profile.wording.httpError(400, { message: error.message });
          throw error;
        }
      },
      { fault },
    );
  }

  /** A submit fault from a prompt marker spoils the first `times` submits of that exact prompt. */
  #promptFault(prompt: string, directives: TaskDirectives): Fault | undefined {
    const scheduled = directives.submit;
    if (scheduled === undefined) return undefined;
    const used = this.#promptFaults.get(prompt) ?? 0;
    if (used >= scheduled.times) return undefined;
    this.#promptFaults.set(prompt, used + 1);
    return scheduled.fault;
  }

  #rateLimited(): Response {
    this.#stats.rateLimited++;
    return this.profile.wording.httpError(429);
  }

  /** A task id from the seeded generator: `prefix` and 20 base-36 characters. */
  nextId(prefix: string): string {
    let id = prefix;
    while (id.length < prefix.length + 20) id += Math.floor(this.#random() * 36).toString(36);
    return id;
  }

  createTask(spec: NewTask): EngineTask {
    const now = Date.now();
    const { min, max } = spec.latencyMs;
    const emulatedMs =
      spec.directives.durationMs ?? this.options.durationMs ?? min + (max - min) * this.#random();
    const { succeeded, failed } = this.profile.states;
    const isTerminal = (state: string) => state === succeeded || state === failed;
    const timeline = buildTimeline(now, emulatedMs * this.timeScale, spec.states, isTerminal);
    const task: EngineTask = {
      id: spec.id,
      model: spec.model,
      createdAt: now,
      timeline,
      failure: spec.failure,
      images: spec.images,
      result: spec.directives.result,
      imageFault: spec.directives.image,
      resultTtlMs: spec.resultTtlMs * this.timeScale,
      request: spec.request,
    };
    this.#tasks.set(task.id, task);
    this.#stats.tasksCreated++;
    this.#gate.startTask(task.id, timeline.completedAt, now);
    this.#stats.peakActiveTasks = this.#gate.peakActiveTasks;
    const statusFault = spec.directives.status;
    if (statusFault) this.faults.add("status", statusFault.fault, statusFault.times, task.id);
    const { callback } = spec;
    if (callback && timeline.completedAt !== undefined) {
      this.#schedule(() => this.#deliver(task, callback), timeline.completedAt - now);
    }
    return task;
  }

  task(id: string): EngineTask | undefined {
    return this.#tasks.get(id);
  }

  state(task: EngineTask): string {
    return stateAt(task.timeline, Date.now());
  }

  imageUrls(task: EngineTask): string[] {
    return task.images.map(
      (image, index) => `${this.filesUrl}/${task.id}/${index}.${extension(image.format)}`,
    );
  }

  /** The CDN: serves a succeeded task's images until their URLs expire. Needs no key, as the vendor's doesn't. */
  fileHandler(): RequestHandler {
    return http.get(`${this.filesUrl}/:taskId/:file`, ({ request, params }) =>
      this.serve("file", request, async () => this.#file(params), {
        taskId: String(params.taskId),
        fault: this.#tasks.get(String(params.taskId))?.imageFault,
      }),
    );
  }

  emulator(handlers: RequestHandler[]): Emulator {
    const engine = this;
    return {
      vendor: this.profile.vendor,
      baseUrl: this.profile.baseUrl,
      filesUrl: this.filesUrl,
      apiKey: this.apiKey,
      handlers,
      inject: (call, fault, options = {}) => this.faults.add(call, fault, options.times ?? 1, options.taskId),
      setScenario: (scenario) => {
        this.scenario = scenario;
      },
      task: (id) => {
        const task = this.#tasks.get(id);
        return task && this.#view(task);
      },
      tasks: () => [...this.#tasks.values()].map((task) => this.#view(task)),
      get requests() {
        return engine.#requests;
      },
      get deliveries() {
        return engine.#deliveries;
      },
      stats: () => ({ ...this.#stats }),
      reset: () => this.#reset(),
      close: () => {
        this.#closed = true;
        this.#clearTimers();
      },
    };
  }

  async #file(params: Record<string, unknown>): Promise<Response> {
    const task = this.#tasks.get(String(params.taskId));
    const match = /^(\d+)\.(png|jpg)$/.exec(String(params.file));
    const image = task && match ? task.images[Number(match[1])] : undefined;
    const completedAt = task?.timeline.completedAt;
    if (!task || !image || completedAt === undefined || this.state(task) !== this.profile.states.succeeded) {
      return notFound();
    }
    if (Date.now() >= completedAt + task.resultTtlMs) return notFound();
    const bytes = this.#render(`${task.id}/${match?.[1]}`, image);
    return new HttpResponse(bytes, {
      headers: { "Content-Type": MEDIA_TYPE[image.format], "Content-Length": String(bytes.byteLength) },
    });
  }

  #render(key: string, image: ImageSpec): Uint8Array {
    const cached = this.#renders.get(key);
    if (cached) return cached;
    const bytes = renderImage(image);
    if (this.#renders.size >= RENDER_CACHE_SIZE) {
      const oldest = this.#renders.keys().next().value;
      if (oldest !== undefined) this.#renders.delete(oldest);
    }
    this.#renders.set(key, bytes);
    return bytes;
  }

  #deliver(task: EngineTask, callback: NonNullable<NewTask["callback"]>): void {
    // Timers may fire a millisecond early; the payload must show the task finished.
    const early = (task.timeline.completedAt ?? 0) - Date.now();
    if (early > 0) {
      this.#schedule(() => this.#deliver(task, callback), early);
      return;
    }
    deliverCallback(
      {
        timeScale: this.timeScale,
        fetch: this.options.fetch && (() => this.options.fetch as typeof fetch),
        schedule: (run, delayMs) => this.#schedule(run, delayMs),
        onAttempt: (delivery) => {
          this.#deliveries.push(delivery);
          this.#stats.callbackAttempts++;
          if (delivery.status === 200) this.#stats.callbacksDelivered++;
        },
      },
      task.id,
      callback.url,
      () => callback.payload(task),
    );
  }

  #schedule(run: () => void, delayMs: number): void {
    if (this.#closed) return;
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      if (!this.#closed) run();
    }, delayMs);
    // A pending callback must not keep a test process or the CLI alive on its own.
    timer.unref?.();
    this.#timers.add(timer);
  }

  #authorized(request: Request): boolean {
    return request.headers.get("authorization") === `Bearer ${this.apiKey}`;
  }

  #count(call: EmulatedCall): void {
    if (call === "submit") this.#stats.submits++;
    else if (call === "status") this.#stats.statusCalls++;
    else this.#stats.fileRequests++;
  }

  #view(task: EngineTask): EmulatedTaskView {
    return {
      id: task.id,
      model: task.model,
      createdAt: task.createdAt,
      state: this.state(task),
      completedAt: task.timeline.completedAt,
      request: task.request,
      imageUrls: this.state(task) === this.profile.states.succeeded ? this.imageUrls(task) : [],
    };
  }

  #reset(): void {
    this.#clearTimers();
    this.#tasks.clear();
    this.#requests = [];
    this.#deliveries = [];
    this.#stats = emptyStats();
    this.#promptFaults.clear();
    this.#renders.clear();
    this.faults.clear();
    this.scenario = this.options.scenario ?? {};
    this.#gate = new LimitGate(this.profile.limits);
  }

  #clearTimers(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }
}

function emptyStats(): MutableStats {
  return {
    submits: 0,
    tasksCreated: 0,
    statusCalls: 0,
    fileRequests: 0,
    rateLimited: 0,
    faultsInjected: 0,
    peakActiveTasks: 0,
    callbackAttempts: 0,
    callbacksDelivered: 0,
  };
}

function notFound(): Response {
  return new HttpResponse("Not Found", { status: 404, headers: { "Content-Type": "text/plain" } });
}

function extension(format: ImageSpec["format"]): string {
  return format === "jpeg" ? "jpg" : "png";
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}
