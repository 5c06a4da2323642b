import { http, type RequestHandler } from "msw";
import { deliverCallback } from "./callback-delivery.js";
import { clientOptionsFor } from "./client-options.js";
import { DirectiveError, parseDirectives, type Scenario, type TaskDirectives } from "./directives.js";
import type { EmulatedTaskView, Emulator } from "./emulator.js";
import { checkEmulatorOptions, EMULATOR_API_KEY, type EmulatorOptions } from "./emulator-options.js";
import { EmulatorRecord } from "./emulator-record.js";
import type { EngineTask, NewTask, VendorProfile } from "./engine-task.js";
import { type EmulatedCall, type Fault, withFault } from "./fault.js";
import { FaultQueue } from "./fault-queue.js";
import { LimitGate } from "./limit-gate.js";
import { randomBase36, seededRandom } from "./random.js";
import { ResultFiles } from "./result-files.js";
import { buildTimeline, stateAt } from "./timeline.js";
import { Timers } from "./timers.js";
import { BadRequest, type JsonObject, readJsonBody } from "./wire-check.js";

/** What both vendor emulators share: tasks, faults, auth, quotas, files, callbacks and the record. */
export class EmulatorEngine {
  readonly profile: VendorProfile;
  readonly options: EmulatorOptions;
  /** The API base URL, without a trailing slash. */
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly timeScale: number;
  readonly faults = new FaultQueue();
  readonly files: ResultFiles;
  readonly record = new EmulatorRecord();
  scenario: Scenario;
  #tasks = new Map<string, EngineTask>();
  #random: () => number;
  #gate: LimitGate;
  #timers = new Timers();
  #promptFaults = new Map<string, number>();

  constructor(profile: VendorProfile, options: EmulatorOptions) {
    checkEmulatorOptions(options);
    this.profile = profile;
    this.baseUrl = profile.baseUrl.replace(/\/+$/, "");
    this.options = options;
    this.apiKey = options.apiKey ?? EMULATOR_API_KEY;
    this.timeScale = options.timeScale ?? 1;
    this.files = new ResultFiles(
      options.filesUrl ?? `${new URL(this.baseUrl).origin}/emulator-files/${profile.vendor}`,
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
    this.record.call(call);
    const fault = this.faults.take(call, scope.taskId) ?? scope.fault;
    if (fault !== undefined) this.record.stats.faultsInjected++;
    const response = await withFault(fault, this.profile.wording, request, async () => {
      if (call === "file") return work();
      if (!this.#authorized(request)) return this.profile.wording.httpError(401);
      if (!this.#gate.admitRequest(Date.now())) return this.#rateLimited();
      return work();
    });
    this.record.answered(call, request, response);
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
    const directives = this.#directives(prompt);
    const fault =
      directives instanceof BadRequest || typeof prompt !== "string"
        ? undefined
        : this.#promptFault(prompt, directives);
    const work = async () => {
      try {
        if (body instanceof BadRequest) throw body;
        if (directives instanceof BadRequest) throw directives;
        const input = read(body);
        if (!this.#gate.hasTaskCapacity(Date.now())) return this.#rateLimited();
        return create(input, body, directives);
      } catch (error) {
        if (!(error instanceof BadRequest)) throw error;
        return this.profile.wording.httpError(400, { message: error.message });
      }
    };
    return this.serve("submit", request, work, { fault });
  }

  /** A new task id: `prefix` and 20 random base-36 characters, unique across emulators and restarts. */
  nextId(prefix: string): string {
    let id: string;
    do id = prefix + randomBase36(20);
    while (this.#tasks.has(id));
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
    this.record.stats.tasksCreated++;
    this.#gate.startTask(task.id, timeline.completedAt, now);
    this.record.stats.peakActiveTasks = this.#gate.peakActiveTasks;
    const statusFault = spec.directives.status;
    if (statusFault) this.faults.add("status", statusFault.fault, statusFault.times, task.id);
    const { callback } = spec;
    if (callback && timeline.completedAt !== undefined) {
      this.#timers.schedule(() => this.#deliver(task, callback), timeline.completedAt - now);
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
    return this.files.urls(task);
  }

  /** The CDN: serves a succeeded task's images until their URLs expire. Needs no key, as the vendor's doesn't. */
  fileHandler(): RequestHandler {
    return http.get(`${this.files.url}/:taskId/:file`, ({ request, params }) => {
      const task = this.#tasks.get(String(params.taskId));
      const answer = async () => {
        const succeeded = task && this.state(task) === this.profile.states.succeeded;
        const source = task && {
          id: task.id,
          images: task.images,
          succeededAt: succeeded ? task.timeline.completedAt : undefined,
          ttlMs: task.resultTtlMs,
        };
        return this.files.answer(source, String(params.file), Date.now());
      };
      return this.serve("file", request, answer, { taskId: task?.id, fault: task?.imageFault });
    });
  }

  emulator(handlers: RequestHandler[]): Emulator {
    const { record } = this;
    return {
      vendor: this.profile.vendor,
      baseUrl: this.baseUrl,
      filesUrl: this.files.url,
      apiKey: this.apiKey,
      providerSettings: { baseUrl: this.baseUrl, apiKey: this.apiKey },
      clientOptions: clientOptionsFor(this.timeScale),
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
        return record.requests;
      },
      get deliveries() {
        return record.deliveries;
      },
      stats: () => ({ ...record.stats }),
      reset: () => this.#reset(),
      close: () => this.#timers.close(),
    };
  }

  #directives(prompt: unknown): TaskDirectives | BadRequest {
    try {
      return { ...this.scenario, ...parseDirectives(prompt) };
    } catch (error) {
      if (!(error instanceof DirectiveError)) throw error;
      return new BadRequest(error.message);
    }
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
    this.record.stats.rateLimited++;
    return this.profile.wording.httpError(429);
  }

  #deliver(task: EngineTask, callback: NonNullable<NewTask["callback"]>): void {
    // Timers may fire a millisecond early; the payload must show the task finished.
    const early = (task.timeline.completedAt ?? 0) - Date.now();
    if (early > 0) {
      this.#timers.schedule(() => this.#deliver(task, callback), early);
      return;
    }
    const options = {
      timeScale: this.timeScale,
      fetch: this.options.fetch && (() => this.options.fetch as typeof fetch),
      signal: this.#timers.signal,
      onAttempt: this.record.delivered.bind(this.record),
    };
    deliverCallback(options, task.id, callback.url, callback.payload(task));
  }

  #authorized(request: Request): boolean {
    return request.headers.get("authorization") === `Bearer ${this.apiKey}`;
  }

  #view(task: EngineTask): EmulatedTaskView {
    const state = this.state(task);
    return {
      id: task.id,
      model: task.model,
      createdAt: task.createdAt,
      state,
      completedAt: task.timeline.completedAt,
      request: task.request,
      imageUrls: state === this.profile.states.succeeded ? this.imageUrls(task) : [],
    };
  }

  #reset(): void {
    this.#timers.clear();
    this.#tasks.clear();
    this.record.reset();
    this.#promptFaults.clear();
    this.files.clear();
    this.faults.clear();
    this.scenario = this.options.scenario ?? {};
    this.#gate = new LimitGate(this.profile.limits);
  }
}
