import { AuthenticationError } from "../errors/errors.js";

/**
 * Returns a function that yields the API key: the explicit one, else the environment variable, read at
 * the first call (so a missing key fails the first request, not the import). The key is never echoed.
 */
export function apiKeyLoader(provider: string, apiKey: string | undefined, envName: string): () => string {
  return () => {
    const key = apiKey ?? readEnv(envName);
    if (key === undefined || key.trim() === "") {
      throw new AuthenticationError(
        `No ${provider} API key: set the ${envName} environment variable or pass { apiKey } to ${provider}().`,
        { provider },
      );
    }
    return key;
  };
}

/** Reads an environment variable where there is one (Node, Bun, Deno with `process`), else `undefined`. */
export function readEnv(name: string): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.[name];
}
