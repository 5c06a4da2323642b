import type { ImageProvider } from "@org/imagegen-core";
import { globalRegistry } from "./global-registry.js";

/** How a tool (the demo, a script) builds a vendor's adapter, for the real vendor or for its emulator. */
export interface VendorAdapter {
  /** The provider id; the same as its emulator's, when it has one. */
  readonly id: string;
  /** The environment variable that holds the API key; when it is unset, tools use the emulator instead. */
  readonly keyVariable: string;
  /** The adapter: `{ apiKey }` for the real vendor, `{ apiKey, baseUrl }` for an emulator. */
  create(settings: { apiKey?: string | undefined; baseUrl?: string | undefined }): ImageProvider;
}

const registry = globalRegistry<VendorAdapter>("vendor-adapters");

/**
 * Adds a vendor's adapter to those tools offer by id (`imagegen models`, `--model id:model`); registering an id
 * again replaces it. Returns a function that removes it again.
 */
export function registerVendorAdapter(adapter: VendorAdapter): () => void {
  registry.set(adapter.id, adapter);
  return () => {
    if (registry.get(adapter.id) === adapter) registry.delete(adapter.id);
  };
}

/** Every registered adapter, in the order they registered. */
export function vendorAdapters(): VendorAdapter[] {
  return [...registry.values()];
}
