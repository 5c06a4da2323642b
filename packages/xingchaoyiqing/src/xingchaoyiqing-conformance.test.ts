import { createImageClient } from "@org/imagegen-core";
import { describeAdapter } from "@org/imagegen-testing/conformance";
import { xingchaoyiqing } from "./xingchaoyiqing-provider.js";

// The behaviour every adapter shares (wire, states, fail codes, faults, callbacks, the key), against the
// xingchaoyiqing emulator; the files beside this one test what only xingchaoyiqing does.
describeAdapter({
  createImageClient,
  vendor: "xingchaoyiqing",
  adapter: (settings) => xingchaoyiqing(settings),
  model: "nano-banana",
  wire: {
    submit: {
      method: "POST",
      path: "/v1/banana/images",
      body: (prompt) => ({ model: "nano-banana", prompt }),
    },
    status: { method: "GET", path: (taskId) => `/v1/result/${taskId}` },
  },
});
