// The xingchaoyiqing adapter for @org/imagegen-core.

export type { XingchaoyiqingModelId } from "./xingchaoyiqing-models.js";
export {
  XINGCHAOYIQING_BASE_URL,
  type XingchaoyiqingSettings,
  xingchaoyiqing,
} from "./xingchaoyiqing-provider.js";
export type { XingchaoyiqingProviderOptions } from "./xingchaoyiqing-wire.js";
