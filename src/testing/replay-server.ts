/**
 * A local HTTP server on loopback for tests, benchmarks and the eval: each route answers with a canned
 * reply (or a function of the request), and every request is recorded with its parsed JSON body. The
 * scripted Ollama (`scripted-ollama.ts`) is built on it; provider tests use it to replay wire fixtures.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReplayReply {
  status?: number;
  contentType?: string;
  /** The body, or NDJSON lines written one by one. */
  body: string | string[];
  /** Wait this long before answering (a slow model). */
  delayMs?: number;
}

export type ReplayHandler = ReplayReply | ((body: unknown, request: IncomingMessage) => ReplayReply);

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: unknown;
}

export interface ReplayServer {
  url: string;
  requests: RecordedRequest[];
  /** Replaces or adds a route: `"POST /api/chat"`. */
  route(key: string, handler: ReplayHandler): void;
  close(): Promise<void>;
}

/** `port`: listen there (a test that starts "Ollama" where the CLI already looked); default any free port. */
export async function startReplayServer(
  routes: Record<string, ReplayHandler> = {},
  options: { port?: number } = {},
): Promise<ReplayServer> {
  const table = new Map(Object.entries(routes));
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      let body: unknown = raw;
      try {
        body = raw === "" ? undefined : JSON.parse(raw);
      } catch {
        // Keep the raw text: the test asserts on whatever was sent.
      }
      const path = (request.url ?? "/").split("?")[0] ?? "/";
      requests.push({ method: request.method ?? "GET", path, headers: request.headers, body });
      const handler = table.get(`${request.method} ${path}`);
      if (handler === undefined) {
        response.writeHead(404, { "content-type": "application/json" });
        response.end(JSON.stringify({ error: `no route ${request.method} ${path}` }));
        return;
      }
      const reply = typeof handler === "function" ? handler(body, request) : handler;
      if (reply.delayMs !== undefined) setTimeout(() => send(response, reply), reply.delayMs);
      else send(response, reply);
    });
  });
  function send(response: ServerResponse, reply: ReplayReply): void {
    if (response.destroyed) return;
    response.writeHead(reply.status ?? 200, { "content-type": reply.contentType ?? "application/json" });
    if (typeof reply.body === "string") {
      response.end(reply.body);
      return;
    }
    for (const line of reply.body) response.write(line);
    response.end();
  }
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    route: (key, handler) => table.set(key, handler),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on: start a server, note its port, close it. */
export async function closedPortUrl(): Promise<string> {
  const replay = await startReplayServer();
  await replay.close();
  return replay.url;
}
