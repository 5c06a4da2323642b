import * as z from "zod/mini";
import { isPathSegment, PATH_SEGMENT_RULE } from "../shared/path-segment.js";

const nonEmpty = z.string().check(z.minLength(1));
/** Adapters put these into URL paths; a tampered handle must not turn `statusTask/..` into the API root. */
const pathSegment = z.string().check(z.refine(isPathSegment, { error: PATH_SEGMENT_RULE }));
const millis = z.number().check(z.nonnegative());

/** Parses a stored handle (e.g. read back from a file); extra fields from newer versions are kept. */
export const taskHandleSchema = z.looseObject({
  provider: nonEmpty,
  model: pathSegment,
  taskId: pathSegment,
  submittedAt: z.iso.datetime({ offset: true }),
  expectedLatencyMs: z.optional(z.object({ min: millis, max: millis })),
  vendor: z.optional(z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))),
});
