/**
 * The scripted Ollama: a real HTTP server on loopback that speaks Ollama's wire format (`/api/chat`
 * streamed as NDJSON or as one JSON object, `/api/version`, `/api/tags`, `/api/show`, `/api/embed`) and
 * hands out scripted replies, recording every request. A child `agente` process reaches it through
 * `OLLAMA_HOST`, the eval through `--base-url`: the real Ollama provider runs on the way.
 */
import { z } from "zod";
import { ollamaChatReply, ollamaEmbeddings } from "./ollama-wire.js";
import {
  type RecordedRequest,
  type ReplayHandler,
  type ReplayServer,
  startReplayServer,
} from "./replay-server.js";
import { type Script, ScriptPlayer } from "./script.js";

export { answer, toolCall } from "./model-actions.js";

/** One `/api/chat` request body as agente sends it (other fields are kept). */
const chatBodySchema = z.looseObject({
  model: z.string(),
  messages: z.array(z.looseObject({ role: z.string(), content: z.string() })),
  format: z.unknown().optional(),
  options: z.record(z.string(), z.unknown()).optional(),
  stream: z.boolean().optional(),
});

export type OllamaChatBody = z.infer<typeof chatBodySchema>;

/**
 * One scripted chat reply: the model's whole output for one step (a JSON action as the model would
 * write it, see `answer`/`toolCall`), optionally after a delay (a slow model, to cancel), or an error
 * answer from Ollama (`{ status: 404, error: 'model "x" not found…' }`).
 */
export type ScriptedOllamaReply =
  | string
  | { text: string; delayMs?: number }
  | { status: number; error: string };

/**
 * What `prompt_eval_count` says. Absent: the field is left out, as some Ollama versions do; agente then
 * skips its truncated-prompt check, which only means something against Ollama's own tokenizer. A
 * number: that figure on every reply. `"estimate"`: one token per four characters of the messages.
 */
export type PromptTokens = number | "estimate";

export interface ScriptedOllamaOptions {
  /** See `PromptTokens`. */
  promptTokens?: PromptTokens;
  /** Models `/api/tags` lists and the replies name (default `["llama3.2:1b"]`). */
  models?: string[];
  /** The context window `/api/show` reports (default 131072). */
  contextLength?: number;
  /** The version `/api/version` reports (default `0.12.6`). */
  version?: string;
  /** Listen on this port (a test that starts "Ollama" where the CLI already looked); default any free port. */
  port?: number;
  /** Length of the vectors `/api/embed` returns (default 768, as nomic-embed-text). */
  embeddingDimensions?: number;
}

export interface ScriptedOllama {
  /** `http://127.0.0.1:<port>`, for `OLLAMA_HOST` or `--base-url`. */
  url: string;
  /** Every request so far, on any route, in order. */
  requests: RecordedRequest[];
  /** Every `/api/chat` request body so far, in order. */
  chats(): OllamaChatBody[];
  /** The system prompt of the `index`-th chat request (0 = the first model call). */
  systemPrompt(index?: number): string;
  /** The last message of the `index`-th chat request: where the previous tool result reaches the model. */
  lastMessage(index: number): string;
  /** The `Authorization` header of every request so far, in order. */
  authorizations(): Array<string | undefined>;
  /** Replies of a list script still queued (a test that scripted too many left some unused). */
  remaining(): number;
  /** Replaces or adds a route, e.g. `"POST /api/chat"` answering 404. */
  route(key: string, handler: ReplayHandler): void;
  close(): Promise<void>;
}

/** Starts the scripted Ollama with a script of chat replies (one for all, a function, or one per call). */
export async function startScriptedOllama(
  script: Script<OllamaChatBody, ScriptedOllamaReply>,
  options: ScriptedOllamaOptions = {},
): Promise<ScriptedOllama> {
  const player = new ScriptPlayer("scripted Ollama", script);
  const models = options.models ?? ["llama3.2:1b"];
  const json = (value: unknown) => ({ body: JSON.stringify(value) });
  const server: ReplayServer = await startReplayServer(
    {
      "GET /api/version": json({ version: options.version ?? "0.12.6" }),
      "GET /api/tags": json({ models: models.map((name) => ({ name, model: name })) }),
      "POST /api/show": json({
        model_info: {
          "general.architecture": "llama",
          "llama.context_length": options.contextLength ?? 131072,
        },
      }),
      "POST /api/chat": (body) => {
        const parsed = chatBodySchema.safeParse(body);
        if (!parsed.success)
          return { status: 400, ...json({ error: `invalid chat request: ${parsed.error.message}` }) };
        let reply: ScriptedOllamaReply;
        try {
          reply = player.next(parsed.data);
        } catch (error) {
          return { status: 500, ...json({ error: error instanceof Error ? error.message : String(error) }) };
        }
        if (typeof reply !== "string" && "error" in reply)
          return { status: reply.status, ...json({ error: reply.error }) };
        const text = typeof reply === "string" ? reply : reply.text;
        return {
          ...(typeof reply !== "string" && reply.delayMs !== undefined ? { delayMs: reply.delayMs } : {}),
          ...ollamaChatReply(parsed.data, text, options.promptTokens),
        };
      },
      "POST /api/embed": (body) => {
        const parsed = z
          .looseObject({ model: z.string(), input: z.union([z.string(), z.array(z.string())]) })
          .safeParse(body);
        if (!parsed.success)
          return { status: 400, ...json({ error: `invalid embed request: ${parsed.error.message}` }) };
        const input = typeof parsed.data.input === "string" ? [parsed.data.input] : parsed.data.input;
        return json({
          model: parsed.data.model,
          embeddings: ollamaEmbeddings(input, options.embeddingDimensions ?? 768),
        });
      },
    },
    options.port === undefined ? {} : { port: options.port },
  );
  const chats = () =>
    server.requests
      .filter((request) => request.method === "POST" && request.path === "/api/chat")
      .map((request) => chatBodySchema.parse(request.body));
  const message = (index: number, pick: (messages: OllamaChatBody["messages"]) => string | undefined) => {
    const chat = chats()[index];
    if (chat === undefined) throw new Error(`the model was called ${chats().length} times, not ${index + 1}`);
    return pick(chat.messages) ?? "";
  };
  return {
    url: server.url,
    requests: server.requests,
    chats,
    authorizations: () => server.requests.map((request) => request.headers.authorization),
    systemPrompt: (index = 0) =>
      message(index, (messages) => messages.find((entry) => entry.role === "system")?.content),
    lastMessage: (index) => message(index, (messages) => messages.at(-1)?.content),
    remaining: () => player.remaining(),
    route: (key, handler) => server.route(key, handler),
    close: () => server.close(),
  };
}
