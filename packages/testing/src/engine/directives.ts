import type { Fault } from "./fault.js";

/** A fault with how many consecutive calls it spoils. */
export interface ScheduledFault {
  fault: Fault;
  times: number;
}

/** What a prompt marker asks of one task: `a fox [emulator: fail=CONTENT_VIOLATION status=500*2]`. */
export interface TaskDirectives {
  /** End the task failed with this fail code. */
  fail?: string;
  /** Emulated time from submit to the end, in ms (scaled by `timeScale` like every emulated duration). */
  durationMs?: number;
  /** Stay in progress forever. */
  never?: boolean;
  /** The states the task walks through; without a terminal state last, it never finishes. */
  states?: string[];
  /** A spoiled result: `not-json` (APIXO `resultJson` is not JSON), `missing` (no result field), `empty` (no URLs). */
  result?: "not-json" | "missing" | "empty";
  /** A fault on downloads of this task's images. */
  image?: Fault;
  /** A fault on this very submit. */
  submit?: ScheduledFault;
  /** A fault on this task's next status calls. */
  status?: ScheduledFault;
}

/** What every task of an emulator does unless its prompt marker says otherwise. */
export type Scenario = Omit<TaskDirectives, "submit" | "status">;

/** A directive the emulator does not understand: answered with HTTP 400 so a typo is not silently ignored. */
export class DirectiveError extends Error {
  override name = "DirectiveError";
}

const MARKER = /\[emulator:?\s*([^\]]*)\]/i;
const RESULTS = ["not-json", "missing", "empty"] as const;

/** Reads the `[emulator: …]` marker out of a prompt; a prompt without one gets the default behaviour. */
export function parseDirectives(prompt: unknown): TaskDirectives {
  if (typeof prompt !== "string") return {};
  const match = MARKER.exec(prompt);
  if (match === null) return {};
  const directives: TaskDirectives = {};
  for (const token of (match[1] ?? "").split(/\s+/).filter(Boolean)) {
    const [key = "", value] = splitOnce(token, "=");
    switch (key) {
      case "fail":
        directives.fail = required(key, value);
        break;
      case "duration":
        directives.durationMs = nonNegative(key, required(key, value));
        break;
      case "never":
        directives.never = true;
        break;
      case "states":
        directives.states = required(key, value).split(",").filter(Boolean);
        if (directives.states.length === 0) throw new DirectiveError("states needs at least one state");
        break;
      case "result":
        directives.result = oneOf(key, required(key, value), RESULTS);
        break;
      case "image":
        directives.image = parseScheduledFault(required(key, value)).fault;
        break;
      case "submit":
      case "status":
        directives[key] = parseScheduledFault(required(key, value));
        break;
      default:
        throw new DirectiveError(`unknown emulator directive "${token}"`);
    }
  }
  return directives;
}

/**
 * `500`, `500*2`, `429+retry:3`, `429+retry-date:3`, `504+after`, `html:502`, `in-body:402`, `malformed`, `reset`,
 * `slow:5000`, `huge`, `redirect`.
 */
export function parseScheduledFault(spec: string): ScheduledFault {
  const [body = "", count] = splitOnce(spec, "*");
  const [head = "", ...modifiers] = body.split("+");
  const [kind = "", argument] = splitOnce(head, ":");
  let fault: Fault;
  if (/^\d{3}$/.test(kind)) fault = { kind: "http", status: Number(kind) };
  else if (kind === "html") fault = { kind: "html", status: status(spec, argument) };
  else if (kind === "in-body") fault = { kind: "in-body", code: status(spec, argument) };
  else if (kind === "slow") fault = { kind: "slow", delayMs: nonNegative(kind, required(kind, argument)) };
  else if (kind === "malformed" || kind === "reset" || kind === "huge" || kind === "redirect")
    fault = { kind };
  else throw new DirectiveError(`unknown fault "${spec}"`);
  for (const modifier of modifiers) {
    const [name, value] = splitOnce(modifier, ":");
    if (name === "after") fault.after = true;
    else if ((name === "retry" || name === "retry-date") && fault.kind === "http") {
      const seconds = nonNegative(spec, required(spec, value));
      fault.retryAfter =
        name === "retry" ? String(seconds) : new Date(Date.now() + seconds * 1000).toUTCString();
    } else throw new DirectiveError(`unknown fault modifier "${modifier}" in "${spec}"`);
  }
  const times = count === undefined ? 1 : nonNegative(spec, count);
  if (times < 1 || !Number.isInteger(times)) throw new DirectiveError(`bad repeat count in "${spec}"`);
  return { fault, times };
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at === -1 ? [text, undefined] : [text.slice(0, at), text.slice(at + separator.length)];
}

function required(key: string, value: string | undefined): string {
  if (value === undefined || value === "")
    throw new DirectiveError(`emulator directive "${key}" needs a value`);
  return value;
}

function nonNegative(key: string, value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0)
    throw new DirectiveError(`"${key}" needs a number, got "${value}"`);
  return number;
}

function status(spec: string, value: string | undefined): number {
  const code = nonNegative(spec, required(spec, value));
  if (!Number.isInteger(code) || code < 100 || code > 599)
    throw new DirectiveError(`bad status in "${spec}"`);
  return code;
}

function oneOf<T extends string>(key: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new DirectiveError(`"${key}" must be one of ${allowed.join(", ")}, got "${value}"`);
}
