import type { SetupServer } from "msw/node";
import { vi } from "vitest";
import {
  createImageClient,
  type ImageClient,
  type ImageClientOptions,
  type ImageGenEvent,
} from "../index.js";
import { ACME_BASE_URL, acme } from "./acme-provider.js";
import { ACME_CDN, ACME_KEY, createAcmeServer } from "./acme-server.js";

export { settle, useMswServer } from "@org/imagegen-test-kit";

export function setupClient(
  server: SetupServer,
  options: Partial<ImageClientOptions> & { durationMs?: number; reportsDuration?: boolean } = {},
) {
  vi.useFakeTimers();
  const { durationMs, reportsDuration, ...clientOptions } = options;
  const acmeServer = createAcmeServer({ durationMs, reportsDuration });
  server.use(...acmeServer.handlers);
  const requests = recordRequests(server);
  const count = (test: (request: Request) => boolean) => requests.filter(test).length;
  const vendor = {
    ...acmeServer,
    requests,
    /** Requests that reached the network edge, whichever handler answered them. */
    calls: {
      get submit() {
        return count((request) => request.method === "POST" && request.url === `${ACME_BASE_URL}/tasks`);
      },
      get status() {
        return count(
          (request) => request.method === "GET" && request.url.startsWith(`${ACME_BASE_URL}/tasks/`),
        );
      },
      get download() {
        return count((request) => request.url.startsWith(ACME_CDN));
      },
    },
  };
  const events: ImageGenEvent[] = [];
  // Typed for any providers: tests hand it model ids of every kind, typos included, to see what run time does.
  const client: ImageClient = createImageClient({
    providers: { acme: acme({ apiKey: ACME_KEY }) },
    defaultModel: "acme:fast",
    random: () => 0.5,
    poll: { jitter: 0 }, // exact poll times; the spread itself is tested in poll-schedule.test.ts
    onEvent: (event) => events.push(event),
    ...clientOptions,
  });
  return { client, vendor, events };
}

/** Every request sent through the msw server from now on (cloned, so bodies stay readable). */
export function recordRequests(server: SetupServer): Request[] {
  const requests: Request[] = [];
  server.events.on("request:start", ({ request }) => {
    requests.push(request.clone());
  });
  return requests;
}
