import type { CallContext } from "../calls/call-context.js";
import type { PollOptions } from "../model/poll-options.js";
import type { LatencyEstimator } from "../poll/latency-estimate.js";
import type { ModelRegistry } from "../request/model-registry.js";

/** What the steps of a task (submit, status checks, wait) need from their client. */
export interface TaskContext extends CallContext {
  registry: ModelRegistry;
  /** The client's poll options; the model's schedule fills in the rest per task. */
  poll: PollOptions | undefined;
  /** What recent tasks took, per kind, for the learned poll schedule. */
  latency: LatencyEstimator;
}
