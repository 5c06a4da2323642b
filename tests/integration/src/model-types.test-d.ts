// Type tests, checked by `tsc` (this package's `typecheck`) against the built packages, as a user's editor sees
// them: every `@ts-expect-error` line must fail to compile.
import { apixo } from "@org/imagegen-apixo";
import { createImageClient, type ImageClient, type ModelIdOf } from "@org/imagegen-core";
import { xingchaoyiqing } from "@org/imagegen-xingchaoyiqing";
import { describe, expectTypeOf, it } from "vitest";

const providers = { apixo: apixo(), xingchaoyiqing: xingchaoyiqing() };
const client = createImageClient({ providers, defaultModel: "apixo:nano-banana" });

describe("both adapters, one client: the ids and options are typed with no type argument written", () => {
  it("the model ids are the union of both tables", () => {
    expectTypeOf<ModelIdOf<typeof providers>>().toEqualTypeOf<
      | "apixo:nano-banana"
      | "apixo:nano-banana-pro"
      | "xingchaoyiqing:nano-banana"
      | "xingchaoyiqing:nano-banana-2"
      | "xingchaoyiqing:nano-banana-pro"
      | "xingchaoyiqing:nano-banana-2-stable"
      | "xingchaoyiqing:nano-banana-pro-stable"
    >();
  });

  it("a typo in a model id is a type error", () => {
    // @ts-expect-error: a typo of apixo:nano-banana
    void client.generate({ prompt: "a fox", model: "apixo:nano-bananna" });
    // @ts-expect-error: xingchaoyiqing has no nano-banana-3
    void client.generate({ prompt: "a fox", model: "xingchaoyiqing:nano-banana-3" });
    // @ts-expect-error: no such provider configured
    void client.generate({ prompt: "a fox", model: "openai:dall-e" });
  });

  it("a bad provider option key is a type error, on either vendor", () => {
    void client.generate({ prompt: "a fox", providerOptions: { apixo: { route: "official" } } });
    void client.generate({ prompt: "a fox", providerOptions: { xingchaoyiqing: { body: { seed: 1 } } } });
    // @ts-expect-error: "rout" is not an APIXO option
    void client.generate({ prompt: "a fox", providerOptions: { apixo: { rout: "official" } } });
    // @ts-expect-error: xingchaoyiqing takes only `body`
    void client.generate({ prompt: "a fox", providerOptions: { xingchaoyiqing: { route: "official" } } });
  });

  it("the pass-through escape hatch compiles, for the declared ids only", () => {
    const open = createImageClient({
      providers: { apixo: apixo({ passThrough: ["flux-2", "sora-2"] }), xingchaoyiqing: xingchaoyiqing() },
    });
    void open.generate({ prompt: "a fox", model: "apixo:flux-2", providerOptions: { apixo: { input: {} } } });
    // @ts-expect-error: midjourney was not declared
    void open.generate({ prompt: "a fox", model: "apixo:midjourney" });
  });

  it("config strings compile (checked at run time), and the client fits a plain ImageClient", () => {
    createImageClient({ providers, defaultModel: process.env.IMAGEGEN_MODEL ?? "apixo:nano-banana" });
    void client.generate({ prompt: "a fox", model: String(process.env.IMAGEGEN_MODEL) });
    const plain: ImageClient = client;
    void plain;
  });
});
