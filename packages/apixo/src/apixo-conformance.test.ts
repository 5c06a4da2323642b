import { createImageClient } from "@org/imagegen-core";
import { describeAdapter } from "@org/imagegen-testing/conformance";
import { apixo } from "./apixo-provider.js";

// The behaviour every adapter shares (wire, states, fail codes, faults, callbacks, the key), against the
// APIXO emulator; the files beside this one test what only APIXO does.
describeAdapter({
  createImageClient,
  vendor: "apixo",
  adapter: (settings) => apixo(settings),
  model: "nano-banana",
  wire: {
    submit: {
      method: "POST",
      path: "/generateTask/nano-banana",
      body: (prompt) => ({ request_type: "async", input: { mode: "text-to-image", prompt } }),
    },
    status: { method: "GET", path: (taskId) => `/statusTask/nano-banana?taskId=${taskId}` },
  },
});
