/**
 * Ollama's native API: `/api/chat` with `format` set to the action schema (Ollama turns it into a grammar),
 * streamed as NDJSON. The context window (`num_ctx`) grows to fit the prompt, bounded by the model's own
 * maximum from `/api/show`, and never shrinks (a new `num_ctx` makes Ollama reload the model).
 */
import type { z } from "zod";
import { localised } from "../i18n/localised.js";
import { SystemError, UserError } from "../util/errors.js";
import { parseJsonReply, readJsonReply } from "../util/parse-reply.js";
import { displayUrl } from "../util/url-credentials.js";
import type {
  ChatMessage,
  ChatModel,
  ChatRequest,
  ChatResponse,
  ModelCheck,
  NativeToolCall,
  StopReason,
} from "./chat-model.js";
import { addProblem, errorProblem } from "./check-problems.js";
import { errorBodyText, type FetchFunction, fetchOrExplain } from "./http-json.js";
import {
  ollamaChatLineSchema,
  ollamaShowSchema,
  ollamaTagsSchema,
  ollamaVersionSchema,
} from "./ollama-replies.js";
import { messagesTokens, type TokenCounter, tokenCounterFor } from "./token-counter.js";

export interface OllamaModelOptions {
  baseUrl: string;
  model: string;
  temperature: number;
  maxTokens: number;
  /** Fixed `num_ctx`; undefined sizes it to the prompt. */
  contextSize: number | undefined;
  seed?: number;
  /** How long Ollama keeps the model loaded after a call. */
  keepAlive?: string;
  fetch?: FetchFunction;
}

/** The smallest window we ask for: Ollama's own default, so a short prompt never shrinks it. */
const MINIMUM_CONTEXT = 4096;
const CONTEXT_STEP = 1024;

type OllamaStreamLine = z.output<typeof ollamaChatLineSchema>;

const HINT = "check the Ollama server log";

export class OllamaModel implements ChatModel {
  readonly provider = "ollama";
  readonly model: string;
  readonly constrainsOutput = true;
  private readonly options: OllamaModelOptions;
  private readonly fetchFunction: FetchFunction;
  /** The model's maximum context from `/api/show`; `null` once we learned it is unknown. */
  private maxContextSize: number | null | undefined;
  private currentContextSize = 0;
  /** The model's token counter, loaded on the first request. */
  private counter: Promise<TokenCounter> | undefined;

  constructor(options: OllamaModelOptions) {
    this.options = options;
    this.model = options.model;
    this.fetchFunction = options.fetch ?? fetch;
  }

  async complete(request: ChatRequest): Promise<ChatResponse> {
    // `format` becomes a sampling grammar, not prompt text, so the action schema is not counted; native
    // `tools` are rendered into the prompt by the model's template, so they are.
    const toolsText = request.tools === undefined ? "" : JSON.stringify(request.tools);
    this.counter ??= tokenCounterFor(this.model);
    const promptEstimate = messagesTokens(await this.counter, request.messages, toolsText);
    const contextSize = await this.contextSizeFor(promptEstimate);
    const body = {
      model: this.model,
      messages: request.messages.map(toOllamaMessage),
      stream: true,
      ...(request.schema === undefined ? {} : { format: request.schema }),
      ...(request.tools === undefined
        ? {}
        : {
            tools: request.tools.map((tool) => ({
              type: "function",
              function: { name: tool.name, description: tool.description, parameters: tool.parameters },
            })),
          }),
      options: {
        temperature: this.options.temperature,
        num_ctx: contextSize,
        num_predict: this.options.maxTokens,
        ...(this.options.seed === undefined ? {} : { seed: this.options.seed }),
      },
      keep_alive: this.options.keepAlive ?? "10m",
    };
    const response = await this.post("/api/chat", body, request.signal);
    if (!response.ok) throw await this.httpError(response);
    const result = await readStream(response, request.onText);
    const warnings: string[] = [];
    if (promptEstimate + this.options.maxTokens > contextSize) {
      warnings.push(
        `the prompt (~${promptEstimate} tokens) does not fit the context window of ${contextSize} tokens: Ollama drops its oldest part`,
      );
    } else if (
      result.promptTokens !== undefined &&
      result.promptTokens < promptEstimate * 0.6 &&
      promptEstimate > contextSize * 0.5
    ) {
      warnings.push(
        `Ollama evaluated ${result.promptTokens} prompt tokens of ~${promptEstimate} sent: the prompt was probably truncated`,
      );
    }
    return { ...result, contextSize, warnings };
  }

  async check(): Promise<ModelCheck> {
    const location = displayUrl(this.options.baseUrl);
    const result: ModelCheck = {
      provider: this.provider,
      model: this.model,
      location,
      reachable: false,
      modelAvailable: false,
      problems: [],
    };
    try {
      const version = await this.get("/api/version");
      result.reachable = true;
      const versionBody = await readJsonReply(version, ollamaVersionSchema, {
        what: "Ollama's reply to /api/version",
        hint: HINT,
      });
      if (versionBody.version !== undefined) result.version = versionBody.version;
      const tags = await readJsonReply(await this.get("/api/tags"), ollamaTagsSchema, {
        what: "Ollama's reply to /api/tags",
        hint: HINT,
      });
      const names = (tags.models ?? []).map((entry) => entry.name);
      result.modelAvailable = names.some((name) => sameModel(name, this.model));
      if (!result.modelAvailable) {
        addProblem(result, localised("errorsModel.ollama.notPulled", { model: this.model, location }));
        return result;
      }
      const maxContext = await this.fetchMaxContext();
      if (maxContext !== undefined) result.maxContextSize = maxContext;
    } catch (error) {
      addProblem(result, errorProblem(error instanceof SystemError ? error : String(error)));
    }
    return result;
  }

  async close(): Promise<void> {}

  private async contextSizeFor(promptEstimate: number): Promise<number> {
    if (this.options.contextSize !== undefined) return this.options.contextSize;
    const needed = promptEstimate + this.options.maxTokens + 256;
    let size = Math.max(
      MINIMUM_CONTEXT,
      Math.ceil(needed / CONTEXT_STEP) * CONTEXT_STEP,
      this.currentContextSize,
    );
    const maximum = await this.fetchMaxContext();
    if (maximum !== undefined) size = Math.min(size, maximum);
    this.currentContextSize = size;
    return size;
  }

  /** The model's trained context length from `/api/show` (`model_info["<arch>.context_length"]`). */
  private async fetchMaxContext(): Promise<number | undefined> {
    if (this.maxContextSize === undefined) {
      this.maxContextSize = null;
      try {
        const response = await this.post("/api/show", { model: this.model });
        if (response.ok) {
          const body = await readJsonReply(response, ollamaShowSchema, {
            what: "Ollama's reply to /api/show",
            hint: HINT,
          });
          for (const [key, value] of Object.entries(body.model_info ?? {})) {
            if (key.endsWith(".context_length") && typeof value === "number") this.maxContextSize = value;
          }
        } else {
          await response.body?.cancel();
        }
      } catch (error) {
        // Only the context bound is lost; the chat call that follows reports a real outage itself.
        if (!(error instanceof SystemError)) throw error;
      }
    }
    return this.maxContextSize ?? undefined;
  }

  private async httpError(response: Response): Promise<Error> {
    const detail = await errorBodyText(response);
    const location = displayUrl(this.options.baseUrl);
    if (response.status === 404) {
      return new UserError(localised("errorsModel.ollama.notPulled", { model: this.model, location }), {
        hint: localised("errorsModel.ollama.notPulledHint", { detail }),
      });
    }
    return new SystemError(
      localised("errorsModel.ollama.http", { location, status: response.status, detail }),
      { hint: localised("errorsModel.ollama.logHint") },
    );
  }

  private get(path: string): Promise<Response> {
    return fetchOrExplain(
      this.fetchFunction,
      this.options.baseUrl + path,
      { method: "GET" },
      this.unreachable(),
    );
  }

  private post(path: string, body: unknown, signal?: AbortSignal): Promise<Response> {
    return fetchOrExplain(
      this.fetchFunction,
      this.options.baseUrl + path,
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
        ...(signal ? { signal } : {}),
      },
      this.unreachable(),
    );
  }

  private unreachable() {
    const location = displayUrl(this.options.baseUrl);
    return {
      message: localised("errorsModel.ollama.unreachable", { location }),
      hint: localised("errorsModel.ollama.unreachableHint"),
    };
  }
}

function toOllamaMessage(message: ChatMessage): Record<string, unknown> {
  const converted: Record<string, unknown> = { role: message.role, content: message.content };
  if (message.toolCalls !== undefined && message.toolCalls.length > 0) {
    converted.tool_calls = message.toolCalls.map((call) => ({
      function: { name: call.name, arguments: call.arguments },
    }));
  }
  if (message.role === "tool" && message.toolName !== undefined) converted.tool_name = message.toolName;
  return converted;
}

/** `llama3.2` and `llama3.2:latest` name the same model. */
function sameModel(listed: string, wanted: string): boolean {
  const withTag = (name: string) => (name.includes(":") ? name : `${name}:latest`);
  return withTag(listed) === withTag(wanted);
}

async function readStream(
  response: Response,
  onText?: (textSoFar: string) => void,
): Promise<Omit<ChatResponse, "warnings" | "contextSize">> {
  if (response.body === null) throw new SystemError(localised("errorsModel.ollama.emptyReply"));
  const decoder = new TextDecoder();
  const reader = response.body.getReader();
  let buffer = "";
  let text = "";
  const toolCalls: NativeToolCall[] = [];
  const handleLine = (line: string): Omit<ChatResponse, "warnings" | "contextSize"> | undefined => {
    if (line.trim() === "") return undefined;
    const parsed: OllamaStreamLine = parseJsonReply(ollamaChatLineSchema, line, {
      what: "a line of Ollama's /api/chat reply",
      hint: HINT,
    });
    // An error after streaming began arrives as its own line; the HTTP status is still 200.
    if (parsed.error !== undefined)
      throw new SystemError(localised("errorsModel.ollama.failed", { detail: String(parsed.error) }), {
        hint: localised("errorsModel.ollama.shortLogHint"),
      });
    text += parsed.message?.content ?? "";
    if (parsed.message?.content) onText?.(text);
    for (const call of parsed.message?.tool_calls ?? []) {
      toolCalls.push({ name: call.function?.name ?? "", arguments: call.function?.arguments ?? {} });
    }
    if (parsed.done !== true) return undefined;
    return {
      text,
      toolCalls,
      stopReason: stopReasonOf(parsed.done_reason, toolCalls.length > 0),
      ...(parsed.prompt_eval_count === undefined ? {} : { promptTokens: parsed.prompt_eval_count }),
      ...(parsed.eval_count === undefined ? {} : { completionTokens: parsed.eval_count }),
    };
  };
  for (;;) {
    const { done, value } = await reader.read();
    buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
    const lines = done ? [buffer] : buffer.split("\n");
    buffer = done ? "" : (lines.pop() ?? "");
    for (const line of lines) {
      const finished = handleLine(line);
      if (finished !== undefined) {
        await reader.cancel().catch(() => {});
        return finished;
      }
    }
    if (done)
      throw new SystemError(localised("errorsModel.ollama.cutShort"), {
        hint: localised("errorsModel.ollama.shortLogHint"),
      });
  }
}

function stopReasonOf(doneReason: string | undefined, hasToolCalls: boolean): StopReason {
  if (hasToolCalls) return "tool_calls";
  if (doneReason === "stop") return "stop";
  if (doneReason === "length") return "length";
  return "other";
}
