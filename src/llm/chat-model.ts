/**
 * The one interface every model provider implements (Ollama, OpenAI-compatible, embedded llama.cpp) and
 * the scripted test model. The agent only ever talks to a `ChatModel`; providers take `fetch` (or the
 * engine) as a dependency so tests can replace the network.
 */
import type { LocalisedText } from "../i18n/localised.js";
import type { JsonSchema } from "../util/json-schema.js";

export type ChatRole = "system" | "user" | "assistant" | "tool";

/** A tool call the model made through a provider's native tool-calling API. */
export interface NativeToolCall {
  /** The provider's id for the call, when it gives one (OpenAI); echoed back in the `tool` message. */
  id?: string;
  name: string;
  /** The arguments as the model wrote them: parsed when they were valid JSON, the raw string otherwise. */
  arguments: unknown;
}

export interface ChatMessage {
  role: ChatRole;
  content: string;
  /** On an assistant message: the native tool calls it made (native tool mode only). */
  toolCalls?: NativeToolCall[];
  /** On a tool message: the id of the call it answers. */
  toolCallId?: string;
  /** On a tool message: the name of the tool it answers. */
  toolName?: string;
}

/** A tool offered through the provider's native tool-calling API (`--tool-mode native`). */
export interface NativeToolSpec {
  name: string;
  description: string;
  parameters: JsonSchema;
}

export interface ChatRequest {
  messages: ChatMessage[];
  /** JSON schema the reply must follow (constrained decoding). Absent: free text or native tool calls. */
  schema?: JsonSchema;
  /** Native tool specs, only when the agent runs in native tool mode (never together with `schema`). */
  tools?: NativeToolSpec[];
  signal?: AbortSignal;
  /**
   * Hears the reply's text so far as it streams: every provider calls it as pieces arrive (Ollama's NDJSON
   * lines, the OpenAI-compatible server's events, llama.cpp's decoded chunks). The last call's text is the
   * reply's text, unless the embedded engine had to close a cut action.
   */
  onText?: (textSoFar: string) => void;
}

export type StopReason = "stop" | "length" | "tool_calls" | "other";

export interface ChatResponse {
  /** The reply text exactly as the model produced it (the raw action in JSON mode). */
  text: string;
  /** Native tool calls, when the provider returned any. */
  toolCalls: NativeToolCall[];
  stopReason: StopReason;
  /** Tokens of the prompt the engine evaluated, when it reports it. */
  promptTokens?: number;
  /** Tokens generated, when the engine reports it. */
  completionTokens?: number;
  /** The context window used for this call, when the provider chose one. */
  contextSize?: number;
  /** Things the user should know (e.g. the prompt was silently truncated). */
  warnings: string[];
}

/** The result of a provider health check, for `agente doctor`. */
export interface ModelCheck {
  provider: string;
  model: string;
  /** Where the provider lives (URL or file path). Never contains credentials. */
  location: string;
  reachable: boolean;
  modelAvailable: boolean;
  /** The model's maximum context window, when known. */
  maxContextSize?: number;
  /** Engine version, when known. */
  version?: string;
  /** What is wrong and how to fix it, when something is. */
  problems: string[];
  /** The same problems as catalogue text, in the same order, for the user's language (see check-problems.ts). */
  problemTexts?: LocalisedText[];
}

export interface ChatModel {
  /** Provider name: `ollama`, `openai`, `llama-cpp`, or a test double's name. */
  readonly provider: string;
  /** The model's name (or GGUF path). */
  readonly model: string;
  /** True when the provider enforces `schema` while decoding (grammar / structured output). */
  readonly constrainsOutput: boolean;
  /** Produces one reply. Throws `SystemError` when the provider cannot answer, `UserError` for bad settings. */
  complete(request: ChatRequest): Promise<ChatResponse>;
  /** Checks that the provider is reachable and the model present. Never throws for an unreachable provider. */
  check(): Promise<ModelCheck>;
  /** Frees engine resources (embedded engine); a no-op for HTTP providers. */
  close(): Promise<void>;
}
