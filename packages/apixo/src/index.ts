// The APIXO adapter for @org/imagegen-core.

export type { ApixoModelId } from "./apixo-models.js";
export { APIXO_BASE_URL, type ApixoSettings, apixo } from "./apixo-provider.js";
export type { ApixoProviderOptions } from "./apixo-wire.js";
