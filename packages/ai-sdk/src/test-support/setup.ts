import { apixo } from "@org/imagegen-apixo";
import { createImageClient, type ImageGenEvent, type UploadHook } from "@org/imagegen-core";
import { useVirtualTime } from "@org/imagegen-test-kit";
import { createApixoEmulator, createXingchaoyiqingEmulator } from "@org/imagegen-testing";
import { xingchaoyiqing } from "@org/imagegen-xingchaoyiqing";
import { HttpResponse, http } from "msw";
import type { SetupServer } from "msw/node";
import { imagegen } from "../index.js";

// generateImage logs warnings to the console by default; the tests read them from the result instead.
(globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false;

export const UPLOAD_HOST = "https://uploads.test";

/**
 * Both vendors' emulators on the msw server, on virtual time, and an application's client over them with the
 * provider our package makes of it. Every request that reaches the network edge is kept, headers included.
 */
export function setup(server: SetupServer, options: { upload?: UploadHook } = {}) {
  useVirtualTime();
  const vendors = { apixo: createApixoEmulator(), xingchaoyiqing: createXingchaoyiqingEmulator() };
  server.use(...vendors.apixo.handlers, ...vendors.xingchaoyiqing.handlers);
  const requests: Request[] = [];
  server.events.on("request:start", ({ request }) => {
    requests.push(request.clone());
  });
  const events: ImageGenEvent[] = [];
  const client = createImageClient({
    providers: {
      apixo: apixo({ apiKey: vendors.apixo.apiKey }),
      xingchaoyiqing: xingchaoyiqing({ apiKey: vendors.xingchaoyiqing.apiKey }),
    },
    upload: options.upload,
  });
  const provider = imagegen(client, { onEvent: (event) => events.push(event) });
  const submits = () => vendors.apixo.stats().submits + vendors.xingchaoyiqing.stats().submits;
  return { client, provider, vendors, requests, events, submits };
}

/** An upload host (msw) and the hook an application would write for it. */
export function uploadHost(server: SetupServer) {
  const stored: { type: string; bytes: Uint8Array }[] = [];
  server.use(
    http.post(`${UPLOAD_HOST}/files`, async ({ request }) => {
      stored.push({
        type: request.headers.get("content-type") ?? "",
        bytes: new Uint8Array(await request.arrayBuffer()),
      });
      return HttpResponse.json({ url: `https://cdn.uploads.test/${stored.length}.png` });
    }),
  );
  const upload: UploadHook = async (file, { signal }) => {
    const response = await fetch(`${UPLOAD_HOST}/files`, {
      method: "POST",
      body: file,
      headers: { "content-type": file.type },
      signal,
    });
    return ((await response.json()) as { url: string }).url;
  };
  return { stored, upload };
}
