// @org/imagegen-core/schema: the zod/mini builders adapters write their wire schemas with. They come from the
// copy of zod bundled into core (only the parts used), so an adapter adds no zod of its own: one copy in an
// app's bundle, and nothing of zod's hundred modules to load at start-up. Use it as `import * as z from …`.

export type { infer, input, output, ZodMiniType } from "zod/mini";
export {
  array,
  boolean,
  enum,
  int,
  literal,
  looseObject,
  maximum,
  maxLength,
  minimum,
  minLength,
  nonnegative,
  null,
  nullable,
  nullish,
  number,
  object,
  optional,
  pipe,
  positive,
  record,
  refine,
  regex,
  safeParse,
  strictObject,
  string,
  transform,
  union,
  unknown,
  url,
} from "zod/mini";
