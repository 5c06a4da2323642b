import { createImageClient } from "@org/imagegen-core";
import { describeAdapter } from "@org/imagegen-testing/conformance";
import { doodle } from "./doodle-adapter.js";
import { doodleVendor } from "./doodle-emulator.js";

// The third vendor passes the suite the built-in adapters run, with nothing outside this folder changed.
describeAdapter({
  createImageClient,
  vendor: doodleVendor,
  adapter: (settings) => doodle(settings),
  model: "doodle",
  wire: {
    submit: { method: "POST", path: "/drawings", body: (prompt) => ({ prompt }) },
    status: { method: "GET", path: (taskId) => `/drawings/${taskId}` },
  },
});
