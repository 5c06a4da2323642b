// Type tests, checked by `tsc` (the package's `typecheck`): every `@ts-expect-error` line must fail to compile.
import { createImageClient, type ImageProvider, type ModelIdOf } from "@org/imagegen-core";
import { describe, expectTypeOf, it } from "vitest";
import { type ApixoProviderOptions, apixo } from "./index.js";

describe("the adapter's types", () => {
  it("carry the documented models and APIXO's options", () => {
    expectTypeOf(apixo()).toEqualTypeOf<
      ImageProvider<"nano-banana" | "nano-banana-pro", ApixoProviderOptions>
    >();
  });

  it("widen with the declared pass-through ids, and only with them", () => {
    const providers = { apixo: apixo({ passThrough: ["flux-2", "sora-2"] }) };
    expectTypeOf<ModelIdOf<typeof providers>>().toEqualTypeOf<
      "apixo:nano-banana" | "apixo:nano-banana-pro" | "apixo:flux-2" | "apixo:sora-2"
    >();
    const client = createImageClient({ providers });
    void client.generate({
      prompt: "a fox",
      model: "apixo:sora-2",
      providerOptions: { apixo: { input: {} } },
    });
    // @ts-expect-error: "flux-3" was not declared
    void client.generate({ prompt: "a fox", model: "apixo:flux-3" });
  });

  it("make a misspelt or mistyped option a compile error", () => {
    const client = createImageClient({ providers: { apixo: apixo() } });
    void client.generate({ prompt: "a fox", providerOptions: { apixo: { route: "official" } } });
    // @ts-expect-error: "rout" is not an APIXO option
    void client.generate({ prompt: "a fox", providerOptions: { apixo: { rout: "official" } } });
    // @ts-expect-error: "cheapest" is not a route
    void client.generate({ prompt: "a fox", providerOptions: { apixo: { route: "cheapest" } } });
  });
});
