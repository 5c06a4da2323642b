// `@org/imagegen-testing/conformance`: the adapter conformance suite, for vitest. The built-in vendors are
// registered here too, so `vendor: "apixo"` works without importing the main entry.
import "./built-in-vendors.js";

export type {
  AdapterConformanceOptions,
  ConformanceAdapterSettings,
  WireCall,
} from "./conformance/adapter-spec.js";
export { describeAdapter } from "./conformance/describe-adapter.js";
