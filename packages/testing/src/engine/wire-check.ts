/** A request the vendor refuses with HTTP 400, and the message it gives. */
export class BadRequest extends Error {
  override name = "BadRequest";
}

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The JSON body of a request, or a BadRequest naming what is wrong with it. */
export async function readJsonBody(request: Request): Promise<JsonObject | BadRequest> {
  if (!(request.headers.get("content-type") ?? "").toLowerCase().includes("application/json")) {
    return new BadRequest("Content-Type must be application/json");
  }
  try {
    const body: unknown = await request.json();
    return isObject(body) ? body : new BadRequest("Request body must be a JSON object");
  } catch {
    return new BadRequest("Request body is not valid JSON");
  }
}

export function rejectUnknownFields(object: JsonObject, known: readonly string[], where: string): void {
  const unknown = Object.keys(object).find((key) => !known.includes(key));
  if (unknown !== undefined) throw new BadRequest(`Unknown field "${unknown}" in ${where}`);
}

export function optionalOneOf<T extends string>(
  object: JsonObject,
  key: string,
  allowed: readonly T[],
): T | undefined {
  const value = object[key];
  if (value === undefined) return undefined;
  if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
  throw new BadRequest(`${key} must be one of ${allowed.join(", ")}`);
}

export function requiredString(
  object: JsonObject,
  key: string,
  maxLength = Number.POSITIVE_INFINITY,
): string {
  const value = object[key];
  if (typeof value !== "string" || value.trim() === "") throw new BadRequest(`${key} is required`);
  if (value.length > maxLength) throw new BadRequest(`${key} must be at most ${maxLength} characters`);
  return value;
}

/** An optional list of absolute http(s) URLs, at most `max` of them. */
export function optionalUrls(object: JsonObject, key: string, max: number): string[] {
  const value = object[key];
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((url) => typeof url === "string" && isHttpUrl(url))) {
    throw new BadRequest(`${key} must be an array of http(s) URLs`);
  }
  if (value.length > max) throw new BadRequest(`${key} accepts at most ${max} images`);
  return value;
}

export function isHttpUrl(value: string): boolean {
  return URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);
}
