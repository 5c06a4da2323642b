import type { createImageClient, ImageProvider } from "@org/imagegen-core";
import type { EmulatorOptions } from "../engine/emulator-options.js";
import type { EmulatorVendor } from "../vendors/emulator-vendor.js";

/** The settings the suite builds an adapter with: the emulator's key and base URL, or a wrong key. */
export interface ConformanceAdapterSettings {
  apiKey: string;
  baseUrl: string;
}

/** One documented call: its method and its path under the base URL. */
export interface WireCall {
  method: string;
  path: string;
}

/** What `describeAdapter` needs to know of an adapter and of the vendor docs it follows. */
export interface AdapterConformanceOptions {
  /**
   * `createImageClient` of the `@org/imagegen-core` the adapter is built for: the suite runs the adapter through
   * the client users call, and this package imports no code of core.
   */
  createImageClient: typeof createImageClient;
  /** The emulated vendor: a registered id or its definition (`registerEmulatorVendor`). */
  vendor: string | EmulatorVendor;
  /** The adapter under test, pointed at the emulator: `(settings) => apixo(settings)`. */
  adapter: (settings: ConformanceAdapterSettings) => ImageProvider;
  /** A model of the adapter's table to generate with, e.g. `"nano-banana"`. */
  model: string;
  /** The calls as the vendor documents them, for a text-to-image request with only a prompt. */
  wire: {
    submit: WireCall & { body: (prompt: string) => unknown };
    status: { method: string; path: (taskId: string) => string };
  };
  /** Emulator options for every test, beyond the suite's own key. */
  emulator?: Omit<EmulatorOptions, "apiKey"> & Record<string, unknown>;
}
