/**
 * A local HTTP server that speaks Ollama's wire format (`/api/chat` streamed as NDJSON, `/api/show`,
 * `/api/version`, `/api/tags`), answering each chat request with a function of the request: the scripted
 * model behind the real Ollama provider, so `agente eval` is tested end to end over HTTP.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface OllamaChatBody {
  model: string;
  messages: Array<{ role: string; content: string }>;
  format?: unknown;
  options?: Record<string, unknown>;
}

export interface OllamaStandIn {
  url: string;
  /** Every `/api/chat` body received, in order. */
  requests: OllamaChatBody[];
  close(): Promise<void>;
}

export async function startOllamaStandIn(reply: (body: OllamaChatBody) => string): Promise<OllamaStandIn> {
  const requests: OllamaChatBody[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      if (request.url === "/api/chat") {
        const body = JSON.parse(text) as OllamaChatBody;
        requests.push(body);
        const content = reply(body);
        const promptCharacters = body.messages.reduce((total, message) => total + message.content.length, 0);
        response.writeHead(200, { "content-type": "application/x-ndjson" });
        response.write(
          `${JSON.stringify({ model: body.model, message: { role: "assistant", content }, done: false })}\n`,
        );
        response.end(
          `${JSON.stringify({
            model: body.model,
            message: { role: "assistant", content: "" },
            done: true,
            done_reason: "stop",
            prompt_eval_count: Math.ceil(promptCharacters / 4),
            eval_count: Math.ceil(content.length / 4),
          })}\n`,
        );
        return;
      }
      if (request.url === "/api/show") {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify({ model_info: { "llama.context_length": 131072 } }));
        return;
      }
      if (request.url === "/api/version") {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify({ version: "0.12.0" }));
        return;
      }
      if (request.url === "/api/tags") {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify({ models: [{ name: "llama3.2:1b" }] }));
        return;
      }
      response.writeHead(404, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: "not found" }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
