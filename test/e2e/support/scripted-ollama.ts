/**
 * The scripted model of the end-to-end tests: a local server on Ollama's wire (`/api/chat` NDJSON,
 * `/api/version`, `/api/tags`, `/api/show`) that hands out one scripted reply per chat request and
 * records what agente sent. It is the fake of `test/cli/agent/fake-ollama.ts` with one difference: it
 * reports no `prompt_eval_count`. That count only means something from Ollama's own tokenizer, and agente
 * compares it with its estimate to warn about truncated prompts; a made-up figure would only make that
 * check print made-up warnings (see docs/tour.md), so the check is left out, as with an Ollama that
 * omits the field.
 */
import { startFakeOllama } from "../../cli/agent/fake-ollama.js";
import type { ReplayServer } from "../../llm/replay-server.js";

/** One chat request agente sent to the model. */
export interface ChatRequest {
  messages: Array<{ role: string; content: string }>;
  format?: unknown;
}

export interface ScriptedOllama {
  /** `http://127.0.0.1:<port>`, for `OLLAMA_HOST`. */
  url: string;
  /** Every `/api/chat` request so far, in order. */
  chats(): ChatRequest[];
  /** The system prompt of the `index`-th chat request (0 = the first model call of the turn). */
  systemPrompt(index?: number): string;
  /** The last message of the `index`-th chat request: where the previous tool result reaches the model. */
  lastMessage(index: number): string;
  /** The `Authorization` header of every request so far, in order. */
  authorizations(): Array<string | undefined>;
  /** Replies still queued (a test that scripted too many replies left some unused). */
  remaining(): number;
  close(): Promise<void>;
}

/** Each reply is the model's whole output for one step: a JSON action, as the model would write it. */
export async function startScriptedOllama(replies: unknown[]): Promise<ScriptedOllama> {
  const queue = replies.map((reply) => (typeof reply === "string" ? reply : JSON.stringify(reply)));
  const server: ReplayServer = await startFakeOllama([]);
  server.route("POST /api/chat", () => {
    const text = queue.shift();
    if (text === undefined)
      return { status: 500, body: JSON.stringify({ error: "scripted Ollama: no scripted reply left" }) };
    const line = (value: unknown) => `${JSON.stringify(value)}\n`;
    return {
      contentType: "application/x-ndjson",
      body: [
        line({ model: "llama3.2:1b", message: { role: "assistant", content: text }, done: false }),
        line({
          model: "llama3.2:1b",
          message: { role: "assistant", content: "" },
          done: true,
          done_reason: "stop",
          eval_count: Math.ceil(text.length / 4),
        }),
      ],
    };
  });
  const chats = () =>
    server.requests
      .filter((request) => request.method === "POST" && request.path === "/api/chat")
      .map((request) => request.body as ChatRequest);
  const message = (index: number, pick: (messages: ChatRequest["messages"]) => string | undefined) => {
    const chat = chats()[index];
    if (chat === undefined) throw new Error(`the model was called ${chats().length} times, not ${index + 1}`);
    return pick(chat.messages) ?? "";
  };
  return {
    url: server.url,
    chats,
    systemPrompt: (index = 0) =>
      message(index, (messages) => messages.find((entry) => entry.role === "system")?.content),
    lastMessage: (index) => message(index, (messages) => messages.at(-1)?.content),
    authorizations: () => server.requests.map((request) => request.headers.authorization),
    remaining: () => queue.length,
    close: () => server.close(),
  };
}

/** The model's JSON action asking for a tool. */
export function callTool(tool: string, parameters: Record<string, unknown>): string {
  return JSON.stringify({ herramienta_llamada: tool, parametros: parameters });
}

/** The model's JSON action answering the user. */
export function answer(text: string): string {
  return JSON.stringify({ respuesta: text });
}
