import { registerVendorAdapter } from "@org/imagegen-testing";
import { xingchaoyiqing } from "@org/imagegen-xingchaoyiqing";

registerVendorAdapter({
  id: "xingchaoyiqing",
  keyVariable: "XINGCHAOYIQING_API_KEY",
  create: (settings) => xingchaoyiqing(settings),
});
