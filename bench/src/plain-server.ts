// A plain `node:http` server that answers APIXO's two calls with fixed bodies: the floor any HTTP server
// costs, against which the emulator's CPU per request is compared, and the far end of the per-request
// benchmark (a child process, so its CPU is not counted as the client's).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const SUBMITTED = JSON.stringify({ code: 200, message: "success", data: { taskId: "task_plain" } });
const RUNNING = JSON.stringify({
  code: 200,
  message: "success",
  data: {
    taskId: "task_plain",
    state: "processing",
    resultJson: null,
    failCode: null,
    failMsg: null,
    createTime: 1767225600000,
    completeTime: null,
    costTime: null,
  },
});

const server = createServer((req, res) => {
  const body = req.method === "POST" ? SUBMITTED : RUNNING;
  // Drain the request body (a submit has one) before answering, as any server does.
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
  });
});
server.listen({ port: 0, host: "127.0.0.1", backlog: 4096 }, () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`listening on http://127.0.0.1:${port}\n`);
});
process.once("SIGTERM", () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
