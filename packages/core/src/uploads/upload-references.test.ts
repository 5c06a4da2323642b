import { HttpResponse, http } from "msw";
import { describe, expect, it, vi } from "vitest";
import {
  ProviderError,
  type ReferenceImage,
  TaskTimeoutError,
  UploadError,
  type UploadHook,
  ValidationError,
} from "../index.js";
import { PNG_BYTES } from "../test-support/acme-server.js";
import { settle, setupClient, useMswServer } from "../test-support/harness.js";

const server = useMswServer();

const UPLOADS = "https://uploads.test";
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
const GIF = new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 1]);
const base64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));

/** An upload host (msw) and a hook that stores each file there, as an app's own storage code would. */
function uploadHost() {
  const stored: { key: string; type: string; bytes: Uint8Array }[] = [];
  server.use(
    http.post(`${UPLOADS}/files`, async ({ request }) => {
      const key = `f${stored.length + 1}`;
      const type = request.headers.get("content-type") ?? "";
      stored.push({ key, type, bytes: new Uint8Array(await request.arrayBuffer()) });
      return HttpResponse.json({ url: `https://cdn.uploads.test/${key}` });
    }),
  );
  const upload = vi.fn<UploadHook>(async (file, { signal }) => {
    const response = await fetch(`${UPLOADS}/files`, {
      method: "POST",
      body: file,
      headers: { "content-type": file.type },
      signal,
    });
    return ((await response.json()) as { url: string }).url;
  });
  return { stored, upload };
}

describe("reference images given as bytes are uploaded through the hook, then submitted as URLs", () => {
  const forms: [string, ReferenceImage, string, Uint8Array][] = [
    ["a Uint8Array (type sniffed)", PNG_BYTES, "image/png", PNG_BYTES],
    ["a Blob with a type", new Blob([JPEG], { type: "image/jpeg" }), "image/jpeg", JPEG],
    ["a Blob without a type (sniffed)", new Blob([GIF]), "image/gif", GIF],
    ["{ data, mediaType }", { data: JPEG, mediaType: "image/webp" }, "image/webp", JPEG],
    ["a base64 data: URL", `data:image/jpeg;base64,${base64(JPEG)}`, "image/jpeg", JPEG],
    ["a data: URL without a type (sniffed)", `data:;base64,${base64(PNG_BYTES)}`, "image/png", PNG_BYTES],
  ];
  for (const [name, reference, type, bytes] of forms) {
    it(name, async () => {
      const { stored, upload } = uploadHost();
      const { client, vendor } = setupClient(server, { upload });
      const referenceImages = ["https://example.test/a.png", reference];
      await settle(client.generate({ prompt: "a fox", referenceImages }));
      expect(stored).toEqual([{ key: "f1", type, bytes }]);
      expect(vendor.tasks.get("task_1")?.body.images).toEqual([
        "https://example.test/a.png",
        "https://cdn.uploads.test/f1",
      ]);
    });
  }

  it("uploads all at once and keeps their order; URL objects are accepted", async () => {
    const started: number[] = [];
    // The first upload takes 2 s, the second 1 s: they finish in the opposite order.
    const upload: UploadHook = () => {
      const position = started.push(Date.now()) - 1;
      const url = new URL(`https://cdn.test/${position}`);
      return new Promise((resolve) => setTimeout(() => resolve(url), 2_000 - position * 1_000));
    };
    const { client, vendor } = setupClient(server, { upload });
    const start = Date.now();
    await settle(client.generate({ prompt: "a fox", referenceImages: [PNG_BYTES, JPEG] }));
    expect(started).toEqual([start, start]);
    expect(vendor.tasks.get("task_1")?.body.images).toEqual(["https://cdn.test/0", "https://cdn.test/1"]);
    expect(vendor.tasks.get("task_1")?.createdAt).toBe(start + 2_000);
  });

  it("submit() uploads too", async () => {
    const { stored, upload } = uploadHost();
    const { client, vendor } = setupClient(server, { upload });
    const handle = await client.submit({ prompt: "a fox", referenceImages: [PNG_BYTES] });
    expect(handle.taskId).toBe("task_1");
    expect(stored).toHaveLength(1);
    expect(vendor.tasks.get("task_1")?.body.images).toEqual(["https://cdn.uploads.test/f1"]);
  });

  it("URLs alone never call the hook", async () => {
    const { upload } = uploadHost();
    const { client } = setupClient(server, { upload });
    await settle(client.generate({ prompt: "a fox", referenceImages: ["https://example.test/a.png"] }));
    expect(upload).not.toHaveBeenCalled();
  });
});

describe("nothing is sent when bytes cannot be used", () => {
  async function rejects(referenceImages: ReferenceImage[], upload?: UploadHook) {
    const { client, vendor } = setupClient(server, upload ? { upload } : {});
    const { error } = await settle(client.generate({ prompt: "a fox", referenceImages }));
    expect(vendor.calls).toEqual({ submit: 0, status: 0, download: 0 });
    return error;
  }

  it("without an upload hook: a ValidationError naming the option", async () => {
    const error = await rejects([PNG_BYTES]);
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).issues).toEqual([
      { path: "referenceImages", message: expect.stringContaining("client option `upload`") },
    ]);
  });

  const bad: [string, ReferenceImage, string][] = [
    ["empty bytes", new Uint8Array(), "is empty"],
    ["an empty Blob", new Blob([]), "is empty"],
    ["bytes that are no image", new Uint8Array([1, 2, 3]), "not a recognisable image"],
    [
      "a non-image type on unknown bytes",
      { data: new Uint8Array([1]), mediaType: "text/plain" },
      "not a rec",
    ],
    ["a data: URL that is not one", "data:image/png;base64", "not a valid data: URL"],
    ["a data: URL with broken base64", "data:image/png;base64,@@@", "cannot be decoded"],
    ["a string that is no URL", "file:///etc/passwd", "must be an http(s) URL, a data: URL"],
  ];
  for (const [name, reference, message] of bad) {
    it(`${name}: a ValidationError, and the hook is not called`, async () => {
      const upload = vi.fn<UploadHook>();
      const error = await rejects([reference], upload);
      expect((error as ValidationError).issues).toEqual([
        { path: "referenceImages.0", message: expect.stringContaining(message) },
      ]);
      expect(upload).not.toHaveBeenCalled();
    });
  }

  it("a Blob whose bytes are no image, before any upload starts", async () => {
    const upload = vi.fn<UploadHook>(async () => "https://cdn.test/x");
    const error = await rejects([PNG_BYTES, new Blob(["plain text"], { type: "text/plain" })], upload);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]?.path).toBe("referenceImages.1");
    expect(upload).not.toHaveBeenCalled();
  });

  it("an upload hook that is not a function is refused at start-up", () => {
    expect(() => setupClient(server, { upload: "s3://bucket" as never })).toThrow(
      /upload must be a function/,
    );
  });
});

describe("a failed upload submits nothing", () => {
  it("one failure cancels the others and rejects with UploadError", async () => {
    const signals: AbortSignal[] = [];
    const upload: UploadHook = (file, { signal }) => {
      signals.push(signal);
      if (file.type === "image/jpeg") return Promise.reject(new TypeError("fetch failed"));
      return new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason)));
    };
    const { client, vendor, events } = setupClient(server, { upload });
    const { error } = await settle(client.generate({ prompt: "a fox", referenceImages: [PNG_BYTES, JPEG] }));
    expect(UploadError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ index: 1, retryable: true, code: "upload_failed" });
    expect((error as Error).message).toContain("Nothing was submitted");
    expect(signals.map((signal) => signal.aborted)).toEqual([true, true]);
    expect(vendor.calls.submit).toBe(0);
    expect(events.map((event) => (event.type === "state" ? event.state : event.type))).toEqual(["failed"]);
  });

  it("keeps the hook's own typed error's retryability", async () => {
    const refused = new ProviderError("storage said 403", { reason: "http", retryable: false });
    const { client } = setupClient(server, { upload: async () => Promise.reject(refused) });
    const { error } = await settle(client.generate({ prompt: "a fox", referenceImages: [PNG_BYTES] }));
    expect(error).toMatchObject({ name: "UploadError", retryable: false, cause: refused });
  });

  it("a hook that resolves to something other than an http(s) URL", async () => {
    const { client, vendor } = setupClient(server, { upload: async () => "s3://bucket/secret-key" });
    const { error } = await settle(client.generate({ prompt: "a fox", referenceImages: [PNG_BYTES] }));
    expect(error).toMatchObject({ name: "UploadError", retryable: false, index: 0 });
    expect((error as Error).message).not.toContain("secret-key");
    expect(vendor.calls.submit).toBe(0);
  });
});

describe("uploads are bounded by the call's deadline and signal", () => {
  /** A hook that never finishes and ignores its signal, the worst case. */
  const hanging: UploadHook = () => new Promise(() => {});

  it("a hook that hangs ends the call at its deadline with TaskTimeoutError, nothing submitted", async () => {
    const { client, vendor } = setupClient(server, { upload: hanging });
    const start = Date.now();
    const { error } = await settle(
      client.generate({ prompt: "a fox", referenceImages: [PNG_BYTES], timeoutMs: 5_000 }),
    );
    expect(TaskTimeoutError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe("Uploading the reference images did not complete within 5000 ms.");
    expect(Date.now() - start).toBe(5_000);
    expect(vendor.calls.submit).toBe(0);
  });

  it("time spent uploading counts against the same deadline as the task", async () => {
    const slow: UploadHook = () =>
      new Promise((resolve) => setTimeout(() => resolve("https://cdn.test/1"), 4_000));
    const { client, vendor } = setupClient(server, { upload: slow, durationMs: 15_000 });
    const start = Date.now();
    const { error } = await settle(
      client.generate({ prompt: "a fox", referenceImages: [PNG_BYTES], timeoutMs: 16_000 }),
    );
    // 4 s of upload + 15 s of task > 16 s: the wait runs out 12 s after the submit.
    expect(error).toMatchObject({ name: "TaskTimeoutError", handle: { taskId: "task_1" } });
    expect(Date.now() - start).toBe(16_000);
    expect(vendor.calls.submit).toBe(1);
  });

  it("aborting rejects with the signal's reason and aborts the hook's signal", async () => {
    let hookSignal: AbortSignal | undefined;
    const upload: UploadHook = (_file, { signal }) => {
      hookSignal = signal;
      return new Promise(() => {});
    };
    const { client, vendor, events } = setupClient(server, { upload });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("user cancelled")), 1_000);
    const { error } = await settle(
      client.generate({ prompt: "a fox", referenceImages: [PNG_BYTES], signal: controller.signal }),
    );
    expect(error).toEqual(new Error("user cancelled"));
    expect(hookSignal?.aborted).toBe(true);
    expect(vendor.calls.submit).toBe(0);
    expect(events.at(-1)).toMatchObject({ type: "state", state: "aborted" });
  });
});
