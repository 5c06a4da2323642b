import { HttpResponse, http } from "msw";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AuthenticationError, ValidationError } from "../errors/errors.js";
import { recordRequests, useMswServer } from "../test-support/harness.js";
import { apiKeyLoader } from "./api-key.js";
import { createHttpClient } from "./http-client.js";

const server = useMswServer();
const KEY = "key-abc-123";

describe("the adapters' HTTP client", () => {
  const vendor = { provider: "v" };

  it("adds the bearer key to requests under the base URL", async () => {
    server.use(http.get("https://api.v.test/v1/ping", () => HttpResponse.json({})));
    const requests = recordRequests(server);
    await createHttpClient({ baseUrl: "https://api.v.test/v1", apiKey: () => KEY }).get("ping");
    expect(requests[0]?.headers.get("authorization")).toBe(`Bearer ${KEY}`);
  });

  it("sends the key nowhere else, even when a path leaves the base", async () => {
    server.use(http.get("https://api.v.test/other", () => HttpResponse.json({})));
    const requests = recordRequests(server);
    const client = createHttpClient({ baseUrl: "https://api.v.test/v1", apiKey: () => KEY });
    for (const path of [
      "../other",
      "%2e%2e/other",
      "x/.%2E/../other",
      "/other",
      "https://api.v.test/other",
    ]) {
      await client.get(path);
    }
    expect(requests.map((request) => request.headers.get("authorization"))).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(requests.every((request) => request.url === "https://api.v.test/other")).toBe(true);
  });

  it("sends the query and a JSON body", async () => {
    server.use(http.post("https://api.v.test/v1/tasks", () => HttpResponse.json({})));
    const requests = recordRequests(server);
    const client = createHttpClient({ baseUrl: "https://api.v.test/v1/", apiKey: () => KEY });
    await client.post("tasks", { searchParams: { id: "a b", n: 2 }, json: { prompt: "a fox" } });
    const [request] = requests;
    expect(request?.url).toBe("https://api.v.test/v1/tasks?id=a+b&n=2");
    expect(request?.headers.get("content-type")).toBe("application/json");
    expect(await request?.json()).toEqual({ prompt: "a fox" });
  });

  it("does not throw on HTTP errors: adapters map statuses themselves", async () => {
    server.use(http.get("https://api.v.test/v1/x", () => HttpResponse.json({}, { status: 500 })));
    const response = await createHttpClient({ baseUrl: "https://api.v.test/v1/", apiKey: () => KEY }).get(
      "x",
    );
    expect(response.status).toBe(500);
  });

  it("hands on the answer as received: nothing is read or copied before `read`", async () => {
    const answer = Response.json({ ok: 1 });
    const client = createHttpClient({
      baseUrl: "https://api.v.test/v1",
      apiKey: () => KEY,
      fetch: async () => answer,
    });
    const response = await client.get("x");
    expect(response).toBe(answer);
    expect(response.bodyUsed).toBe(false);
  });

  it("redacts the key from anything the vendor echoes back, in the one read `read` makes", async () => {
    server.use(
      http.get("https://api.v.test/v1/x", () =>
        HttpResponse.json({ message: `bad key ${KEY}` }, { status: 401 }),
      ),
    );
    const client = createHttpClient({ baseUrl: "https://api.v.test/v1", apiKey: () => KEY });
    const response = await client.get("x");
    const error = await client.read(response, vendor).catch((e: unknown) => e);
    expect(error).toMatchObject({ statusCode: 401, responseBody: '{"message":"bad key [redacted]"}' });
    expect(JSON.stringify(error)).not.toContain(KEY);
  });

  it("redacts the key from a success too, so `raw` never holds it", async () => {
    server.use(http.get("https://api.v.test/v1/x", () => HttpResponse.json({ echoed: `${KEY}!` })));
    const client = createHttpClient({ baseUrl: "https://api.v.test/v1", apiKey: () => KEY });
    const response = await client.get("x");
    expect(await client.read(response, vendor)).toEqual({ echoed: "[redacted]!" });
  });

  it("leaves answers alone when the key is too short to be told from ordinary text (found by fast-check)", async () => {
    server.use(http.get("https://api.v.test/v1/x", () => HttpResponse.json({ taskId: "k1" })));
    const client = createHttpClient({ baseUrl: "https://api.v.test/v1", apiKey: () => "k" });
    const response = await client.get("x");
    expect(await client.read(response, vendor)).toEqual({ taskId: "k1" });
  });

  it("bounds answers by its maxResponseBytes", async () => {
    server.use(http.get("https://api.v.test/v1/x", () => HttpResponse.json({ pad: "x".repeat(200) })));
    const client = createHttpClient({
      baseUrl: "https://api.v.test/v1",
      apiKey: () => KEY,
      maxResponseBytes: 100,
    });
    await expect(client.read(await client.get("x"), vendor)).rejects.toMatchObject({
      reason: "too_large",
      retryable: false,
    });
  });

  it("refuses a limit that is not a positive number of bytes", () => {
    for (const maxResponseBytes of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() =>
        createHttpClient({ baseUrl: "https://api.v.test/v1", apiKey: () => KEY, maxResponseBytes }),
      ).toThrow(ValidationError);
    }
  });

  it("does not follow redirects away from the API", async () => {
    server.use(http.get("https://api.v.test/v1/x", () => HttpResponse.redirect("https://other.test/", 302)));
    const requests = recordRequests(server);
    const client = createHttpClient({ baseUrl: "https://api.v.test/v1", apiKey: () => KEY });
    const response = await client.get("x");
    expect(response.status).toBe(302);
    expect(requests.map((request) => request.url)).toEqual(["https://api.v.test/v1/x"]);
  });

  it("uses the fetch it is given", async () => {
    const fetch = vi.fn(async (_url: string, init: RequestInit) => {
      expect(new Headers(init.headers).get("authorization")).toBe(`Bearer ${KEY}`);
      return Response.json({ via: "custom" });
    });
    const client = createHttpClient({
      baseUrl: "https://api.v.test/v1",
      apiKey: () => KEY,
      fetch: fetch as never,
    });
    expect(await client.read(await client.get("x"), vendor)).toEqual({ via: "custom" });
    expect(fetch).toHaveBeenCalledOnce();
  });
});

describe("API keys", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("prefers the explicit key", () => {
    vi.stubEnv("ACME_API_KEY", "from-env");
    expect(apiKeyLoader("acme", "explicit", "ACME_API_KEY")()).toBe("explicit");
  });

  it("reads the environment at the first call, not at creation", () => {
    const load = apiKeyLoader("acme", undefined, "ACME_API_KEY");
    vi.stubEnv("ACME_API_KEY", "later");
    expect(load()).toBe("later");
  });

  it("names the variable when the key is missing or blank", () => {
    vi.stubEnv("ACME_API_KEY", " ");
    const error = (() => {
      try {
        apiKeyLoader("acme", undefined, "ACME_API_KEY")();
      } catch (e) {
        return e;
      }
    })();
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(
      "No acme API key: set the ACME_API_KEY environment variable or pass { apiKey } to acme().",
    );
  });

  it("works where there is no process (edge runtimes)", () => {
    const process = globalThis.process;
    vi.stubGlobal("process", undefined);
    try {
      expect(() => apiKeyLoader("acme", undefined, "ACME_API_KEY")()).toThrow(AuthenticationError);
    } finally {
      vi.stubGlobal("process", process);
    }
  });
});
