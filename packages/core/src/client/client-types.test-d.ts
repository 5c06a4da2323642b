// Type tests, checked by `tsc` (the package's `typecheck`): every `@ts-expect-error` line must fail to compile.
import { describe, expectTypeOf, it } from "vitest";
import {
  createImageClient,
  type GenerateRequest,
  type ImageClient,
  type ImageProvider,
  type ModelIdOf,
  type ModelInfo,
  type ProviderOptionsOf,
} from "../index.js";
import { acme } from "../test-support/acme-provider.js";

const providers = { acme: acme({ apiKey: "k" }) };
const client = createImageClient({ providers, defaultModel: "acme:fast" });
declare const fromConfig: string;

describe("model ids are typed from the providers given", () => {
  it("the configured ids form a union, which the editor offers", () => {
    expectTypeOf<ModelIdOf<typeof providers>>().toEqualTypeOf<"acme:fast" | "acme:large">();
    expectTypeOf<GenerateRequest<typeof providers>["model"]>().toEqualTypeOf<
      "acme:fast" | "acme:large" | undefined
    >();
    expectTypeOf(client.models()).toEqualTypeOf<ModelInfo<"acme:fast" | "acme:large">[]>();
    expectTypeOf(client).toEqualTypeOf<ImageClient<typeof providers>>();
  });

  it("a typo in a model literal does not compile", () => {
    // @ts-expect-error: "acme:fats" is not a configured model
    void client.generate({ prompt: "a fox", model: "acme:fats" });
    // @ts-expect-error: nor in submit
    void client.submit({ prompt: "a fox", model: "acme:lareg" });
    // @ts-expect-error: nor as the default model
    createImageClient({ providers, defaultModel: "acme:fats" });
    // @ts-expect-error: an unconfigured provider is as wrong
    void client.generate({ prompt: "a fox", model: "apixo:nano-banana" });
  });

  it("a configured id compiles, and so does a string from config (checked at run time)", () => {
    void client.generate({ prompt: "a fox", model: "acme:large" });
    void client.generate({ prompt: "a fox", model: fromConfig });
    createImageClient({ providers, defaultModel: process.env.IMAGEGEN_MODEL ?? "acme:fast" });
  });
});

describe("provider options are typed per adapter", () => {
  it("each adapter's own options, under its name", () => {
    expectTypeOf<ProviderOptionsOf<typeof providers>>().toEqualTypeOf<{
      acme?: { priority?: "low" | "high" };
    }>();
    void client.generate({ prompt: "a fox", providerOptions: { acme: { priority: "high" } } });
  });

  it("an unknown key, a bad value or an unconfigured provider does not compile", () => {
    // @ts-expect-error: "priorty" is not an Acme option
    void client.generate({ prompt: "a fox", providerOptions: { acme: { priorty: "high" } } });
    // @ts-expect-error: "urgent" is not a priority
    void client.generate({ prompt: "a fox", providerOptions: { acme: { priority: "urgent" } } });
    // @ts-expect-error: no provider "acm" is configured
    void client.generate({ prompt: "a fox", providerOptions: { acm: {} } });
  });
});

describe("the pass-through escape hatch", () => {
  it("models declared to the adapter widen the union", () => {
    const open = { acme: acme({ passThrough: ["flux-9", "sdxl"] }) };
    expectTypeOf<ModelIdOf<typeof open>>().toEqualTypeOf<
      "acme:fast" | "acme:large" | "acme:flux-9" | "acme:sdxl"
    >();
    const openClient = createImageClient({ providers: open, defaultModel: "acme:flux-9" });
    void openClient.generate({ prompt: "a fox", model: "acme:sdxl" });
    // @ts-expect-error: still only what was declared
    void openClient.generate({ prompt: "a fox", model: "acme:sdxxl" });
  });

  it("an adapter typed with plain string ids takes any id of its own", () => {
    const loose = { loose: acme() as ImageProvider };
    expectTypeOf<ModelIdOf<typeof loose>>().toEqualTypeOf<`loose:${string}`>();
    void createImageClient({ providers: loose }).generate({ prompt: "a fox", model: "loose:anything" });
  });
});

describe("ImageClient without type arguments", () => {
  it("is a client over any providers, which every typed client is", () => {
    const anyClient: ImageClient = client;
    void anyClient.generate({ prompt: "a fox", model: "whatever:model", providerOptions: { x: { y: 1 } } });
    const useClient = (_client: ImageClient) => undefined;
    useClient(client);
  });

  it("is what providers built at run time give", () => {
    const built: Record<string, ImageProvider> = { acme: acme() };
    expectTypeOf(createImageClient({ providers: built, defaultModel: fromConfig })).toEqualTypeOf<
      ImageClient<Record<string, ImageProvider>>
    >();
    expectTypeOf<ModelIdOf<typeof built>>().toEqualTypeOf<string>();
  });
});
