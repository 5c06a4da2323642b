import type { Emulator } from "../engine/emulator.js";
import type { EmulatorLimits, EmulatorOptions } from "../engine/emulator-options.js";
import type { StateNames } from "../engine/task-script.js";
import { globalRegistry } from "./global-registry.js";

/** Everything the loopback server, its CLI, the demo and the adapter conformance suite need to know of a vendor. */
export interface EmulatorVendor<O extends EmulatorOptions = EmulatorOptions> {
  /** The provider id, as in `"apixo:nano-banana"`: lower case letters, digits and dashes. */
  readonly id: string;
  /** The vendor's name as people write it, e.g. `"APIXO"`. */
  readonly label: string;
  /** The documented API base URL; the loopback server serves the vendor under its path. */
  readonly baseUrl: string;
  /** Where the loopback server serves the vendor, when not the documented base URL's path. */
  readonly loopbackPath?: string | undefined;
  /** The vendor's names for the four stages of a task. */
  readonly states: StateNames;
  /** Every fail code a task can end with (`[emulator: fail=CODE]`), with the vendor's message for it. */
  readonly failCodes: Readonly<Record<string, string>>;
  /** True when the vendor POSTs a callback when a task ends. */
  readonly callbacks: boolean;
  /** The quotas the vendor documents, enforced when asked (`imagegen-emulator --limits`). */
  readonly limits?: EmulatorLimits | undefined;
  /** Creates an emulator of this vendor; `limits` takes the documented quotas or others. */
  create(options?: O & { limits?: EmulatorLimits | undefined }): Emulator;
  /** A line or two showing a first call to the running emulator, for the CLI's welcome text. */
  example?(emulator: Emulator): string;
}

const ID = /^[a-z][a-z0-9-]*$/;
/** Ids that would clash with the fields of a running loopback server. */
const RESERVED = new Set(["url", "close", "clientOptions", "emulators"]);

// On globalThis, so the ESM and CJS builds, the CLI's bundle and a plug-in loaded with `node --import` share it.
const registry = globalRegistry<EmulatorVendor>("emulator-vendors");

/**
 * Adds a vendor to the emulators that the loopback server, its CLI and the demo offer; registering an id again
 * replaces it. Returns a function that removes it again.
 */
export function registerEmulatorVendor<O extends EmulatorOptions>(vendor: EmulatorVendor<O>): () => void {
  if (!ID.test(vendor.id) || RESERVED.has(vendor.id)) {
    throw new TypeError(`"${vendor.id}" cannot be a vendor id: use lower case letters, digits and dashes`);
  }
  if (!URL.canParse(vendor.baseUrl)) throw new TypeError(`${vendor.id}: baseUrl must be an absolute URL`);
  const entry = vendor as unknown as EmulatorVendor;
  registry.set(vendor.id, entry);
  return () => {
    if (registry.get(vendor.id) === entry) registry.delete(vendor.id);
  };
}

/** Every registered emulated vendor, in the order they registered. */
export function emulatorVendors(): EmulatorVendor[] {
  return [...registry.values()];
}

/** The registered vendor with this id; an unknown id is an error that lists the known ones. */
export function emulatorVendor(id: string): EmulatorVendor {
  const vendor = registry.get(id);
  if (vendor === undefined) {
    throw new Error(
      `unknown vendor "${id}"; choose from ${[...registry.keys()].join(", ") || "(none registered)"}`,
    );
  }
  return vendor;
}

/** The path under which the loopback server serves a vendor, e.g. `/api/v1` for APIXO. */
export function loopbackPath(id: string): string {
  const vendor = emulatorVendor(id);
  return (vendor.loopbackPath ?? new URL(vendor.baseUrl).pathname).replace(/\/+$/, "");
}
