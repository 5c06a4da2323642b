import type { ImageProvider } from "../provider/image-provider.js";

// Types only: what the client's `model`, `defaultModel` and `providerOptions` accept, read from its providers.

/** The adapters a client is configured with, by the name used in `"provider:model"`. */
export type Providers = Readonly<Record<string, ImageProvider>>;

/**
 * The model ids a client over `P` takes, e.g. `"apixo:nano-banana" | "apixo:nano-banana-pro"`; `string` when
 * the providers are not known statically (a `Record<string, ImageProvider>` built at run time).
 */
export type ModelIdOf<P extends Providers> = string extends keyof P
  ? string
  : { [K in keyof P & string]: `${K}:${keyof P[K]["models"] & string}` }[keyof P & string];

/** The `providerOptions` a client over `P` takes: each adapter's own options, under the adapter's name. */
export type ProviderOptionsOf<P extends Providers> = string extends keyof P
  ? Readonly<Record<string, Readonly<Record<string, unknown>>>>
  : { [K in keyof P]?: OptionsOf<P[K]> };

/** The options type an adapter declares (`ImageProvider`'s second type argument). */
export type OptionsOf<T> = T extends { readonly "~providerOptions"?: infer O }
  ? Exclude<O, undefined>
  : never;

/**
 * What a `model` field accepts, for the `M` inferred from it: a literal must be one of `Known`, so a typo does
 * not compile (and the editor lists the ids); a value typed `string`, read from config or user input, is
 * accepted here and checked at run time instead (a `ValidationError` naming the nearest id).
 */
export type ModelChoice<M extends string, Known extends string> = string extends M
  ? M
  : M extends Known
    ? M
    : Known;
