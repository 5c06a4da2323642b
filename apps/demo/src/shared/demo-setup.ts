import "../vendors/built-in-vendors.js";
import { randomInt } from "node:crypto";
import {
  type CallbackOptions,
  createImageClient,
  type ImageClient,
  type ImageProvider,
  type PollOptions,
} from "@org/imagegen-core";
import {
  EMULATOR_API_KEY,
  emulatorUpload,
  emulatorVendors,
  loopbackPath,
  type RunningEmulator,
  startEmulator,
  type VendorAdapter,
  vendorAdapters,
} from "@org/imagegen-testing";

export type Env = Readonly<Record<string, string | undefined>>;

/** The model used when neither `--model` nor `IMAGEGEN_MODEL` names one. */
export const DEFAULT_MODEL = "apixo:nano-banana";
/** The built-in emulator runs five times faster than the vendors, so the demo answers in seconds. */
export const DEFAULT_TIME_SCALE = 0.2;

/** The vendors the demo offers: every registered adapter, with its emulator's name when it has one. */
function demoVendors(): Map<string, VendorAdapter & { label: string; emulated: boolean }> {
  const emulators = new Map(emulatorVendors().map((vendor) => [vendor.id, vendor]));
  return new Map(
    vendorAdapters().map((adapter) => {
      const emulator = emulators.get(adapter.id);
      return [
        adapter.id,
        { ...adapter, label: emulator?.label ?? adapter.id, emulated: emulator !== undefined },
      ];
    }),
  );
}

/** The environment variables that hold the registered vendors' API keys, for help texts. */
export function keyVariables(): string[] {
  return vendorAdapters().map((adapter) => adapter.keyVariable);
}

export interface DemoOptions {
  /** Environment to read keys and settings from; default `process.env`. */
  env?: Env | undefined;
  /** `"provider:model"` from a flag; wins over `IMAGEGEN_MODEL`. */
  model?: string | undefined;
  /** Callback (webhook) mode, for the web page that mounts the handler. */
  callback?: CallbackOptions | undefined;
}

export interface DemoSetup {
  client: ImageClient;
  /** `"provider:model"` used when a request names none. */
  defaultModel: string;
  /** One line saying that a vendor is emulated and where, or undefined when it is the real vendor. */
  noticeFor(model?: string): string | undefined;
  /** True when the model's vendor is the built-in emulator started by this process. */
  emulatedHere(model?: string): boolean;
  /**
   * A call's poll options for `model`, beyond the client's: `{ timeScale }` for an emulated vendor when a real
   * one is configured too (the client then keeps the vendors' pace); otherwise undefined.
   */
  pollFor(model?: string): PollOptions | undefined;
  /** How fast `model` runs against the vendor's pace: the emulator's time scale, or 1 for the real vendor. */
  timeScaleFor(model?: string): number;
  /** True when local files can be references: they are stored in the emulator, which every vendor is. */
  canUpload: boolean;
  close(): Promise<void>;
}

/**
 * The demo's only configuration: every vendor whose API key is set is the real one; the others are the
 * built-in emulator, started on loopback (or the one at `IMAGEGEN_EMULATOR_URL`).
 */
export async function openDemo(options: DemoOptions = {}): Promise<DemoSetup> {
  const env = options.env ?? process.env;
  const defaultModel = options.model ?? env.IMAGEGEN_MODEL ?? DEFAULT_MODEL;
  const timeScale = readTimeScale(env.IMAGEGEN_EMULATOR_TIME_SCALE);
  const vendors = demoVendors();
  // A vendor without a key is emulated when an emulator of it is registered; without one, its calls say the key is missing.
  const emulated = [...vendors.values()]
    .filter((vendor) => vendor.emulated && !env[vendor.keyVariable])
    .map((vendor) => vendor.id);
  const external = env.IMAGEGEN_EMULATOR_URL?.replace(/\/+$/, "");
  let running: RunningEmulator<string> | undefined;
  if (emulated.length > 0 && external === undefined) {
    // A fresh seed per run: task ids name the saved files, and must not repeat from one run to the next.
    running = await startEmulator({ vendors: emulated, timeScale, seed: randomInt(2 ** 31) });
  }
  const origin = external ?? running?.url;

  const providers: Record<string, ImageProvider> = {};
  for (const { id, create, keyVariable } of vendors.values()) {
    providers[id] = emulated.includes(id)
      ? create({ baseUrl: `${origin}${loopbackPath(id)}`, apiKey: EMULATOR_API_KEY })
      : create({ apiKey: env[keyVariable] });
  }
  // The emulator runs `timeScale` times the vendor's pace; core runs the whole poll schedule at that pace.
  // With every vendor emulated (the usual demo) that is the client's option, so every call gets it; with a
  // key set, the real vendor keeps its documented schedule and only the emulated vendor's calls are scaled.
  const emulatedPoll: PollOptions = { timeScale };
  const allEmulated = emulated.length === vendors.size;
  let client: ImageClient;
  try {
    client = createImageClient({
      providers,
      defaultModel,
      callback: options.callback,
      poll: allEmulated ? emulatedPoll : undefined,
      // The emulator's storage is on loopback: only emulated vendors can fetch from it.
      upload: allEmulated && origin !== undefined ? emulatorUpload(origin) : undefined,
    });
  } catch (error) {
    await running?.close();
    throw error;
  }

  const vendorOf = (model = defaultModel) => model.split(":")[0] ?? "";
  const isEmulated = (model?: string) => emulated.includes(vendorOf(model));
  return {
    client,
    defaultModel,
    emulatedHere: (model) => running !== undefined && isEmulated(model),
    noticeFor(model) {
      if (!isEmulated(model)) return undefined;
      const { label, keyVariable } = vendors.get(vendorOf(model)) as VendorAdapter & { label: string };
      const where = external ? `the emulator at ${external}` : `the built-in ${label} emulator on ${origin}`;
      return `No ${keyVariable} set: using ${where} (no account, no network; ${pace(timeScale)}).`;
    },
    canUpload: allEmulated && origin !== undefined,
    timeScaleFor: (model) => (isEmulated(model) ? timeScale : 1),
    pollFor: (model) => (!allEmulated && isEmulated(model) ? emulatedPoll : undefined),
    close: async () => {
      await running?.close();
    },
  };
}

function readTimeScale(value: string | undefined): number {
  if (value === undefined || value === "") return DEFAULT_TIME_SCALE;
  const scale = Number(value);
  if (!(Number.isFinite(scale) && scale > 0 && scale <= 1)) {
    throw new Error(`IMAGEGEN_EMULATOR_TIME_SCALE must be a number in (0, 1], got "${value}".`);
  }
  return scale;
}

function pace(timeScale: number): string {
  return timeScale === 1
    ? "at the vendor's pace"
    : `${Number((1 / timeScale).toPrecision(2))}× the vendor's pace`;
}
