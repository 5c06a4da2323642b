// The vendors this package emulates: each registers itself when its module loads. The entry points (index, bin)
// import this file; nothing else names a vendor.
import "./apixo/apixo-vendor.js";
import "./xingchaoyiqing/xingchaoyiqing-vendor.js";

/** The ids of the vendors this package emulates; others can be registered (`registerEmulatorVendor`). */
export type BuiltInVendorId = "apixo" | "xingchaoyiqing";
