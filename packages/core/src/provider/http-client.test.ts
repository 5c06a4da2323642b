import { HttpResponse, http } from "msw";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AuthenticationError } from "../errors/errors.js";
import { recordRequests, useMswServer } from "../test-support/harness.js";
import { apiKeyLoader } from "./api-key.js";
import { createHttpClient } from "./http-client.js";

const server = useMswServer();
const KEY = "key-abc-123";

describe("the adapters' HTTP client", () => {
  it("adds the bearer key to requests under the base URL", async () => {
    server.use(http.get("https://api.v.test/v1/ping", () => HttpResponse.json({})));
    const requests = recordRequests(server);
    await createHttpClient({ baseUrl: "https://api.v.test/v1", apiKey: () => KEY }).get("ping");
    expect(requests[0]?.headers.get("authorization")).toBe(`Bearer ${KEY}`);
  });

  it("does not throw on HTTP errors: adapters map statuses themselves", async () => {
    server.use(http.get("https://api.v.test/v1/x", () => HttpResponse.json({}, { status: 500 })));
    const response = await createHttpClient({ baseUrl: "https://api.v.test/v1/", apiKey: () => KEY }).get(
      "x",
    );
    expect(response.status).toBe(500);
  });

  it("redacts the key from anything the vendor echoes back", async () => {
    server.use(
      http.get("https://api.v.test/v1/x", () =>
        HttpResponse.json({ message: `bad key ${KEY}` }, { status: 401 }),
      ),
    );
    const response = await createHttpClient({ baseUrl: "https://api.v.test/v1", apiKey: () => KEY }).get("x");
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: "bad key [redacted]" });
  });

  it("keeps the answer's URL and status when it redacts", async () => {
    server.use(
      http.get("https://api.v.test/v1/x", () => HttpResponse.json({ echoed: KEY }, { status: 403 })),
    );
    const response = await createHttpClient({ baseUrl: "https://api.v.test/v1", apiKey: () => KEY }).get("x");
    expect([response.status, response.url]).toEqual([403, "https://api.v.test/v1/x"]);
  });

  it("leaves answers alone when the key is too short to be told from ordinary text (found by fast-check)", async () => {
    server.use(http.get("https://api.v.test/v1/x", () => HttpResponse.json({ taskId: "k1" })));
    const response = await createHttpClient({ baseUrl: "https://api.v.test/v1", apiKey: () => "k" }).get("x");
    expect(await response.json()).toEqual({ taskId: "k1" });
  });

  it("does not follow redirects away from the API", async () => {
    server.use(http.get("https://api.v.test/v1/x", () => HttpResponse.redirect("https://other.test/", 302)));
    const requests = recordRequests(server);
    const response = await createHttpClient({ baseUrl: "https://api.v.test/v1", apiKey: () => KEY }).get("x");
    expect(response.status).toBe(302);
    expect(requests.map((request) => request.url)).toEqual(["https://api.v.test/v1/x"]);
  });

  it("uses the fetch it is given", async () => {
    const fetch = vi.fn(async (request: Request) => {
      expect(request.headers.get("authorization")).toBe(`Bearer ${KEY}`);
      return Response.json({ via: "custom" });
    });
    const client = createHttpClient({
      baseUrl: "https://api.v.test/v1",
      apiKey: () => KEY,
      fetch: fetch as never,
    });
    expect(await client.get("x").json()).toEqual({ via: "custom" });
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
