// One worker process of the scale-out benchmark: createImageWorker on the shared Redis until SIGTERM.
import { apixo } from "@org/imagegen-apixo";
import { createImageWorker } from "@org/imagegen-bullmq";
import { createImageClient } from "@org/imagegen-core";
import { redisCoordinator } from "@org/imagegen-redis";
import { Redis } from "ioredis";

const config = JSON.parse(process.argv[2] ?? "{}");
const connection = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
const coordinator = redisCoordinator({ redis: connection, prefix: config.prefix });
const client = createImageClient({
  providers: { apixo: apixo({ baseUrl: config.baseUrl, apiKey: config.apiKey }) },
  defaultModel: "apixo:nano-banana",
  poll: { timeScale: config.timeScale },
  coordinator,
  limits: config.limits,
});
const { worker, close } = createImageWorker({
  client,
  connection,
  queueName: config.queueName,
  concurrency: config.concurrency,
});
await worker.waitUntilReady();
process.stdout.write("ready\n");
process.once("SIGTERM", async () => {
  await close();
  await coordinator.close();
  await connection.quit();
});
