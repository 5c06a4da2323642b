import { createHash } from "node:crypto";
import { HttpResponse, http } from "msw";
import { describe, expect, it, vi } from "vitest";
import {
  type ImageGenEvent,
  type PresignedUploadOptions,
  presignedUpload,
  type ReferenceImage,
  UploadError,
  ValidationError,
} from "../index.js";
import { PNG_BYTES } from "../test-support/acme-server.js";
import { setupClient, useMswServer } from "../test-support/harness.js";

const server = useMswServer();

const BUCKET = "https://bucket.storage.test";
const SIGNATURE = "X-Signature=5ec4e7-d0-n0t-l0g";
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** A storage host that takes presigned PUTs (msw), and a presign function as an app would write one. */
function bucket(answers: (() => Response | undefined)[] = []) {
  const objects = new Map<string, { type: string | null; bytes: Uint8Array; headers: Headers }>();
  const puts: string[] = [];
  server.use(
    http.put(`${BUCKET}/*`, async ({ request }) => {
      const key = decodeURIComponent(new URL(request.url).pathname.slice(1));
      puts.push(key);
      if (!new URL(request.url).search.includes(SIGNATURE)) return new HttpResponse(null, { status: 403 });
      const answer = answers.shift()?.();
      if (answer) return answer;
      const bytes = new Uint8Array(await request.arrayBuffer());
      objects.set(key, { type: request.headers.get("content-type"), bytes, headers: request.headers });
      return new HttpResponse(null, { status: 200 });
    }),
  );
  const presign = vi.fn<PresignedUploadOptions["presign"]>((key) => ({
    putUrl: `${BUCKET}/${key}?${SIGNATURE}`,
    getUrl: `https://cdn.storage.test/${key}`,
    headers: { "x-amz-acl": "public-read" },
  }));
  return { objects, puts, presign };
}

/**
 * A client whose `submit` uploads through `presignedUpload`, on real timers: hashing runs on Web Crypto's
 * own threads, which virtual time cannot wait for. Backoff is shortened so retries take a millisecond.
 */
function presignedClient(
  options: PresignedUploadOptions,
  clientOptions: Parameters<typeof setupClient>[1] = {},
) {
  const setup = setupClient(server, {
    upload: presignedUpload({ retry: { baseDelayMs: 1, maxDelayMs: 1 }, ...options }),
    ...clientOptions,
  });
  vi.useRealTimers();
  const submit = (referenceImages: ReferenceImage[]) =>
    setup.client.submit({ prompt: "a fox", referenceImages }).then(
      (handle) => ({ handle, error: undefined }),
      (error: unknown) => ({ handle: undefined, error }),
    );
  return { ...setup, submit };
}

describe("presignedUpload: a hook for storage that takes presigned PUTs", () => {
  it("PUTs the bytes under their SHA-256 with the image type and submits the public URL", async () => {
    const { objects, presign } = bucket();
    const { submit, vendor } = presignedClient({ presign, keyPrefix: "refs/" });
    await submit([PNG_BYTES]);

    const key = `refs/${sha256(PNG_BYTES)}.png`;
    expect(presign).toHaveBeenCalledWith(key, {
      mediaType: "image/png",
      size: PNG_BYTES.byteLength,
      signal: expect.any(AbortSignal),
    });
    const object = objects.get(key);
    expect(object?.bytes).toEqual(PNG_BYTES);
    expect(object?.type).toBe("image/png");
    expect(object?.headers.get("x-amz-acl")).toBe("public-read");
    expect(vendor.tasks.get("task_1")?.body.images).toEqual([`https://cdn.storage.test/${key}`]);
  });

  it("a retried request does not upload the same bytes twice, but signs afresh", async () => {
    const { puts, presign } = bucket();
    const { submit, vendor } = presignedClient({ presign });
    await submit([PNG_BYTES]);
    await submit([new Blob([PNG_BYTES])]);
    await submit([new Uint8Array([...PNG_BYTES, 7])]);

    expect(puts).toEqual([`${sha256(PNG_BYTES)}.png`, `${sha256(new Uint8Array([...PNG_BYTES, 7]))}.png`]);
    expect(presign).toHaveBeenCalledTimes(3);
    expect(vendor.tasks.get("task_1")?.body.images).toEqual(vendor.tasks.get("task_2")?.body.images);
  });

  it("a PUT that fails with 503 is tried again, writing the same object", async () => {
    const { objects, puts, presign } = bucket([() => new HttpResponse("busy", { status: 503 })]);
    const { submit, vendor } = presignedClient({ presign });
    await submit([PNG_BYTES]);
    expect(puts).toHaveLength(2);
    expect(new Set(puts).size).toBe(1);
    expect(objects.size).toBe(1);
    expect(vendor.calls.submit).toBe(1);
  });

  it("a refused PUT is an UploadError and nothing is submitted", async () => {
    const { presign } = bucket([() => new HttpResponse("<Error>denied</Error>", { status: 403 })]);
    const { submit, vendor } = presignedClient({ presign });
    const { error } = await submit([PNG_BYTES]);
    expect(UploadError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ retryable: false, cause: { name: "ProviderError", statusCode: 403 } });
    expect((error as Error).message).toContain("bucket.storage.test failed with HTTP 403");
    expect(vendor.calls.submit).toBe(0);
  });
});

/** Everything an error says, its causes included. */
function dump(value: unknown): string {
  if (value instanceof Error)
    return `${value.message}\n${value.stack}\n${JSON.stringify(value)}\n${dump(value.cause)}`;
  return JSON.stringify(value, (_, v) => (v instanceof Error ? dump(v) : v)) ?? "";
}

describe("upload URLs stay out of errors, events and logs", () => {
  const cases: [string, () => Response | undefined][] = [
    [
      "a 403 whose body echoes the signed request",
      () => HttpResponse.text(`bad ${SIGNATURE}`, { status: 403 }),
    ],
    ["a connection that keeps failing", () => HttpResponse.error()],
    ["a 500 that lasts", () => HttpResponse.text(`${BUCKET}/k?${SIGNATURE}`, { status: 500 })],
  ];
  for (const [name, answer] of cases) {
    it(name, async () => {
      const { presign } = bucket(Array.from({ length: 10 }, () => answer));
      const logged: unknown[] = [];
      const log = (message: string, fields?: unknown) => logged.push([message, fields]);
      const events: ImageGenEvent[] = [];
      const { submit } = presignedClient(
        { presign },
        { logger: { debug: log, info: log, warn: log, error: log }, onEvent: (event) => events.push(event) },
      );
      const { error } = await submit([PNG_BYTES]);
      expect(UploadError.isInstance(error)).toBe(true);
      expect(logged).toContainEqual([
        "reference image upload failed; nothing was submitted",
        { index: 0, error: expect.stringContaining("bucket.storage.test") },
      ]);
      expect(events).toHaveLength(1);
      const everything = [dump(error), dump(events), dump(logged)].join("\n");
      expect(everything).not.toContain(SIGNATURE);
      expect(everything).not.toContain(sha256(PNG_BYTES));
    });
  }
});

describe("presignedUpload's own options", () => {
  it("refuses time and retry values it cannot use, when the hook is made", () => {
    const presign = () => ({ putUrl: `${BUCKET}/k`, getUrl: `${BUCKET}/k` });
    for (const options of [{ timeoutMs: Number.NaN }, { timeoutMs: -1 }, { retry: { maxDelayMs: 0 } }]) {
      expect(() => presignedUpload({ presign, ...options })).toThrow(ValidationError);
    }
    expect(() => presignedUpload({ presign, timeoutMs: Number.POSITIVE_INFINITY })).not.toThrow();
  });
});
