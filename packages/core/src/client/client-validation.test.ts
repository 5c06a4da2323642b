import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import {
  type GenerateRequest,
  SubmitOutcomeUnknownError,
  type TaskHandle,
  ValidationError,
} from "../index.js";
import { ACME_BASE_URL, acme } from "../test-support/acme-provider.js";
import { ACME_KEY } from "../test-support/acme-server.js";
import { settle, setupClient, useMswServer } from "../test-support/harness.js";

const server = useMswServer();

async function rejects(request: GenerateRequest, options: Parameters<typeof setupClient>[1] = {}) {
  const { client, vendor } = setupClient(server, options);
  const { error } = await settle(client.generate(request));
  expect(ValidationError.isInstance(error)).toBe(true);
  expect(vendor.calls).toEqual({ submit: 0, status: 0, download: 0 });
  return error as ValidationError;
}

describe("bad requests are rejected with ValidationError before anything is sent", () => {
  it("an empty prompt", async () => {
    const error = await rejects({ prompt: "   " });
    expect(error.issues).toEqual([{ path: "prompt", message: "must not be empty" }]);
  });

  it("an aspect ratio nobody has, listing the valid ones", async () => {
    const error = await rejects({ prompt: "a fox", aspectRatio: "7:3" as never });
    expect(error.issues[0]?.path).toBe("aspectRatio");
    expect(error.message).toContain("16:9");
  });

  it("an unknown field (a typo is not silently ignored)", async () => {
    const error = await rejects({ prompt: "a fox", aspect_ratio: "16:9" } as never);
    expect(error.message).toContain("aspect_ratio");
  });

  it("a reference image that is not an http(s) URL", async () => {
    const error = await rejects({ prompt: "a fox", referenceImages: ["file:///etc/passwd"] });
    expect(error.issues[0]).toEqual({
      path: "referenceImages.0",
      message:
        "must be an http(s) URL, a data: URL, a Blob, a Uint8Array or { data: Uint8Array, mediaType: string }",
    });
  });

  it("a value the model cannot take, in strict mode", async () => {
    const error = await rejects({ prompt: "a fox", aspectRatio: "9:16" }, { strict: true });
    expect(error.message).toBe(
      'Invalid request for acme:fast: aspectRatio: acme:fast does not take aspectRatio "9:16" (it takes 1:1, 16:9) (strict mode). Nothing was sent.',
    );
  });

  it("a value the model cannot take, when the call alone is strict", async () => {
    const error = await rejects({ prompt: "a fox", aspectRatio: "9:16", strict: true });
    expect(error.issues).toEqual([
      {
        path: "aspectRatio",
        message: 'acme:fast does not take aspectRatio "9:16" (it takes 1:1, 16:9) (strict mode)',
      },
    ]);
  });

  it("a prompt over the model's length", async () => {
    const error = await rejects({ prompt: "x".repeat(101) });
    expect(error.issues[0]?.message).toContain("1–100 characters; this one has 101");
  });

  it("more reference images than the model takes", async () => {
    const images = ["https://a.test/1.png", "https://a.test/2.png", "https://a.test/3.png"];
    const error = await rejects({ prompt: "a fox", referenceImages: images });
    expect(error.issues[0]?.message).toContain("at most 2 reference images");
  });

  it("image-to-image on a text-only model", async () => {
    const error = await rejects({
      model: "acme:large",
      prompt: "a fox",
      referenceImages: ["https://a.test/1.png"],
    });
    expect(error.issues[0]?.message).toContain("does not support image-to-image");
  });

  it("several problems at once, all reported", async () => {
    const error = await rejects(
      { prompt: "x".repeat(101), aspectRatio: "9:16", outputFormat: "jpeg" },
      { strict: true },
    );
    expect(error.issues.map((issue) => issue.path)).toEqual(["prompt", "aspectRatio", "outputFormat"]);
  });

  it("an option the vendor lacks, in strict mode", async () => {
    const error = await rejects({ prompt: "a fox", resolution: "2K" }, { strict: true });
    expect(error.issues[0]?.message).toContain("has no resolution option");
  });
});

describe("choosing the model", () => {
  it("an unconfigured provider lists the configured ones", async () => {
    const error = await rejects({ model: "apixo:nano-banana", prompt: "a fox" });
    expect(error.message).toContain('Provider "apixo" is not configured. Configured providers: acme');
  });

  it("an unknown model lists the configured models and says how the adapter reaches others", async () => {
    const error = await rejects({ model: "acme:slow", prompt: "a fox" });
    expect(error.message).toBe(
      'Model "acme:slow" is not available. Configured models: acme:fast, acme:large. To use another Acme ' +
        'model, declare it: acme({ passThrough: ["model-id"] }).',
    );
  });

  it("a typo in the model suggests the nearest configured id, and nothing is sent", async () => {
    const error = await rejects({ model: "acme:lareg", prompt: "a fox" });
    expect(error.message).toContain('Model "acme:lareg" is not available. Did you mean "acme:large"?');
    expect(error).toMatchObject({
      provider: "acme",
      issues: [{ path: "model", message: 'unknown model "lareg"; did you mean "acme:large"?' }],
    });
  });

  it("a model id outside the table is not sent on a guess: only one declared to the adapter is", async () => {
    const error = await rejects({ model: "acme:flux-9", prompt: "a fox" });
    expect(error.issues[0]?.message).toBe('unknown model "flux-9"');
    const { client } = setupClient(server, {
      providers: { acme: acme({ apiKey: ACME_KEY, passThrough: ["flux-9"] }) },
    });
    const { value } = await settle(client.generate({ model: "acme:flux-9", prompt: "a fox" }));
    expect(value?.handle.model).toBe("flux-9");
  });

  it("a typo in the provider suggests the nearest configured id", async () => {
    const error = await rejects({ model: "amce:fast", prompt: "a fox" });
    expect(error.message).toBe(
      'Provider "amce" is not configured. Did you mean "acme:fast"? Configured providers: acme; add it to ' +
        "createImageClient({ providers }).",
    );
    expect(error.issues).toEqual([
      { path: "model", message: 'unknown provider "amce"; did you mean "acme:fast"?' },
    ]);
  });

  it("a misspelt provider with an unknown model still names the nearest provider", async () => {
    const error = await rejects({ model: "acmee:sdxl", prompt: "a fox" });
    expect(error.message).toContain('Provider "acmee" is not configured. Did you mean "acme"?');
  });

  it("a bare model id names the configured ids that end in it", async () => {
    const error = await rejects({ model: "large", prompt: "a fox" });
    expect(error.message).toContain('Did you mean "acme:large"?');
    expect(error.issues[0]?.message).toBe('must look like "provider:modelId"; did you mean "acme:large"?');
  });

  it("no model and no default says how to set one", async () => {
    const error = await rejects({ prompt: "a fox" }, { defaultModel: undefined });
    expect(error.message).toContain('Pass { model: "provider:modelId" } or set defaultModel');
  });

  it("a malformed model reference", async () => {
    const error = await rejects({ model: "acme", prompt: "a fox" });
    expect(error.message).not.toContain("Did you mean");
    expect(error.issues).toEqual([{ path: "model", message: 'must look like "provider:modelId"' }]);
  });

  it("a per-request model overrides the default", async () => {
    const { client } = setupClient(server);
    const { value } = await settle(client.generate({ model: "acme:large", prompt: "a fox" }));
    expect(value?.handle.model).toBe("large");
  });
});

// `.` and `..` survive percent-encoding and are removed by URL normalisation: `tasks/..` is the API root.
describe("identifiers that go into URL paths", () => {
  const dotted = ["..", ".", "%2e%2e", "a/../b"];
  const passThrough = { providers: { acme: acme({ apiKey: ACME_KEY, passThrough: dotted }) } };

  it("a model id that is a dot segment, even where the adapter lists it", async () => {
    for (const model of ["acme:..", "acme:.", "acme:%2e%2e", "acme:a/../b"]) {
      const error = await rejects({ model, prompt: "a fox" }, passThrough);
      expect(error.issues[0]?.path).toBe("model");
      expect(error.message).toContain("must be usable as one URL path segment");
    }
  });

  it("a stored handle whose task id or model is a dot segment", async () => {
    const { client, vendor } = setupClient(server);
    const handle: TaskHandle = {
      provider: "acme",
      model: "fast",
      taskId: "task_1",
      submittedAt: new Date().toISOString(),
    };
    for (const tampered of [
      { ...handle, taskId: ".." },
      { ...handle, taskId: "." },
      { ...handle, model: ".." },
    ]) {
      for (const { error } of [
        await settle(client.wait(tampered)),
        await settle(client.getStatus(tampered)),
      ]) {
        expect(ValidationError.isInstance(error)).toBe(true);
        expect((error as ValidationError).issues[0]?.message).toContain("one URL path segment");
      }
    }
    expect(vendor.requests).toHaveLength(0);
  });

  it("a task id from the vendor's submit answer that cannot be polled safely is never polled", async () => {
    for (const id of ["..", ".", "a/b"]) {
      const { client, vendor } = setupClient(server);
      server.use(http.post(`${ACME_BASE_URL}/tasks`, () => HttpResponse.json({ id })));
      const { error } = await settle(client.generate({ prompt: "a fox" }));
      // The vendor may have created (and billed) a task: that is what SubmitOutcomeUnknownError says.
      expect(SubmitOutcomeUnknownError.isInstance(error)).toBe(true);
      expect((error as Error).cause).toMatchObject({ name: "ProviderError", reason: "malformed" });
      expect(vendor.requests.map((request) => request.method)).toEqual(["POST"]);
    }
  });
});

describe("options the vendor does not have", () => {
  it("are dropped with a structured warning, returned and emitted", async () => {
    const { client, vendor, events } = setupClient(server);
    const { value } = await settle(client.generate({ prompt: "a fox", resolution: "4K" }));
    const warning = {
      type: "unsupported-option",
      option: "resolution",
      provider: "acme",
      model: "fast",
      message: 'acme:fast has no resolution option; "4K" was not sent',
    };
    expect(value?.warnings).toEqual([warning]);
    expect(events.find((event) => event.type === "warning")).toMatchObject({ warning });
    expect(vendor.tasks.get("task_1")?.body).not.toHaveProperty("size");
  });
});

describe("an option the model cannot honour is left out with a warning, as in the AI SDK, unless strict", () => {
  it.each([
    [
      "a value this model does not take",
      { aspectRatio: "9:16" },
      'acme:fast does not take aspectRatio "9:16"',
    ],
    ["an option this vendor does not have", { resolution: "2K" }, "acme:fast has no resolution option"],
  ] as const)("%s: sent without it, the warning says why", async (_, option, why) => {
    const { client, vendor } = setupClient(server);
    const { value: result } = await settle(client.generate({ prompt: "a fox", ...option }));
    const [name] = Object.keys(option) as [string];
    expect(result?.warnings).toEqual([
      {
        type: "unsupported-option",
        option: name,
        provider: "acme",
        model: "fast",
        message: expect.stringContaining(why),
      },
    ]);
    expect(vendor.calls.submit).toBe(1);
    const sent = [...vendor.tasks.values()][0]?.body ?? {};
    expect(Object.values(sent)).not.toContain(Object.values(option)[0]);
  });

  it("a call that says strict: false overrides a strict client", async () => {
    const { client } = setupClient(server, { strict: true });
    const { value: result } = await settle(
      client.generate({ prompt: "a fox", aspectRatio: "9:16", strict: false }),
    );
    expect(result?.warnings.map((warning) => warning.option)).toEqual(["aspectRatio"]);
  });
});
