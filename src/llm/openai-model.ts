/**
 * Any OpenAI-compatible server (vLLM, llama.cpp server, LM Studio, Ollama's `/v1`, OpenAI):
 * `POST {baseUrl}/chat/completions` with `response_format: {type: "json_schema"}` carrying the action schema.
 * `strict` is false because the action schema is a union at its root, which OpenAI's strict mode refuses;
 * local servers enforce the schema as a grammar either way.
 *
 * Every call streams (`stream: true`, usage in the last chunk), as the Ollama provider does, so there is one
 * way to read a reply whoever asks; a server that ignores `stream` and answers with one JSON body is read
 * as such.
 */
import { localised } from "../i18n/localised.js";
import { type AgenteError, SystemError, UserError } from "../util/errors.js";
import { readJsonReply } from "../util/parse-reply.js";
import { displayUrl } from "../util/url-credentials.js";
import type {
  ChatMessage,
  ChatModel,
  ChatRequest,
  ChatResponse,
  ModelCheck,
  StopReason,
} from "./chat-model.js";
import { addProblem, errorProblem } from "./check-problems.js";
import { errorBodyText, type FetchFunction, fetchOrExplain, parseArguments } from "./http-json.js";
import { completionSchema, modelListSchema } from "./openai-replies.js";
import { type CompletionParts, readCompletionStream } from "./openai-stream.js";

export interface OpenAiModelOptions {
  /** Up to and including `/v1`, e.g. `http://localhost:8000/v1`. */
  baseUrl: string;
  model: string;
  apiKey: string | undefined;
  temperature: number;
  maxTokens: number;
  seed?: number;
  fetch?: FetchFunction;
}

export class OpenAiModel implements ChatModel {
  readonly provider = "openai";
  readonly model: string;
  readonly constrainsOutput = true;
  private readonly options: OpenAiModelOptions;
  private readonly fetchFunction: FetchFunction;

  constructor(options: OpenAiModelOptions) {
    this.options = options;
    this.model = options.model;
    this.fetchFunction = options.fetch ?? fetch;
  }

  async complete(request: ChatRequest): Promise<ChatResponse> {
    const body = {
      model: this.model,
      messages: request.messages.map(toOpenAiMessage),
      temperature: this.options.temperature,
      max_tokens: this.options.maxTokens,
      ...(this.options.seed === undefined ? {} : { seed: this.options.seed }),
      stream: true,
      stream_options: { include_usage: true },
      ...(request.schema === undefined
        ? {}
        : {
            response_format: {
              type: "json_schema",
              json_schema: { name: "accion", schema: request.schema, strict: false },
            },
          }),
      ...(request.tools === undefined
        ? {}
        : {
            tools: request.tools.map((tool) => ({
              type: "function",
              function: { name: tool.name, description: tool.description, parameters: tool.parameters },
            })),
          }),
    };
    const response = await fetchOrExplain(
      this.fetchFunction,
      `${this.options.baseUrl}/chat/completions`,
      {
        method: "POST",
        headers: this.headers(),
        body: JSON.stringify(body),
        ...(request.signal ? { signal: request.signal } : {}),
      },
      this.unreachable(),
    );
    if (!response.ok) throw await this.httpError(response);
    const source = this.replySource("/chat/completions");
    const eventStream = /text\/event-stream/i.test(response.headers.get("content-type") ?? "");
    const parts =
      eventStream && response.body !== null
        ? await readCompletionStream(response.body, { onText: request.onText, source })
        : await this.readWhole(response, request.onText);
    return {
      text: parts.text,
      toolCalls: parts.toolCalls,
      stopReason: stopReasonOf(parts.finishReason),
      ...(parts.promptTokens === undefined ? {} : { promptTokens: parts.promptTokens }),
      ...(parts.completionTokens === undefined ? {} : { completionTokens: parts.completionTokens }),
      warnings:
        parts.finishReason === "length" ? ["the reply hit the token limit (--max-tokens) and was cut"] : [],
    };
  }

  /** A reply sent as one JSON body (a server that does not stream); `onText` hears its whole text once. */
  private async readWhole(
    response: Response,
    onText: ((textSoFar: string) => void) | undefined,
  ): Promise<CompletionParts> {
    const source = this.replySource("/chat/completions");
    const parsed = await readJsonReply(response, completionSchema, source);
    const choice = parsed.choices?.[0];
    if (choice === undefined)
      throw new SystemError(
        localised("errorsModel.openai.noChoices", { location: displayUrl(this.options.baseUrl) }),
      );
    const text = choice.message?.content ?? "";
    if (text !== "") onText?.(text);
    return {
      text,
      toolCalls: (choice.message?.tool_calls ?? []).map((call) => ({
        ...(call.id === undefined ? {} : { id: call.id }),
        name: call.function?.name ?? "",
        arguments: parseArguments(call.function?.arguments ?? {}),
      })),
      finishReason: choice.finish_reason ?? undefined,
      ...(parsed.usage?.prompt_tokens === undefined ? {} : { promptTokens: parsed.usage.prompt_tokens }),
      ...(parsed.usage?.completion_tokens === undefined
        ? {}
        : { completionTokens: parsed.usage.completion_tokens }),
    };
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
      const response = await fetchOrExplain(
        this.fetchFunction,
        `${this.options.baseUrl}/models`,
        { method: "GET", headers: this.headers() },
        this.unreachable(),
      );
      result.reachable = true;
      if (!response.ok) {
        const failure = await this.httpError(response);
        addProblem(result, failure.text ?? localised("errors.plain", { text: failure.message }));
        return result;
      }
      const body = await readJsonReply(response, modelListSchema, this.replySource("/models"));
      const ids = (body.data ?? []).map((entry) => entry.id);
      result.modelAvailable = ids.includes(this.model);
      if (!result.modelAvailable) {
        const served = ids.slice(0, 8).join(", ") || "none";
        addProblem(
          result,
          localised("errorsModel.openai.notServed", { model: this.model, location, served }),
        );
      }
    } catch (error) {
      if (!(error instanceof SystemError)) throw error;
      addProblem(result, errorProblem(error));
    }
    return result;
  }

  async close(): Promise<void> {}

  private headers(): Record<string, string> {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (this.options.apiKey !== undefined) headers.authorization = `Bearer ${this.options.apiKey}`;
    return headers;
  }

  private async httpError(response: Response): Promise<AgenteError> {
    const detail = await errorBodyText(response);
    const location = displayUrl(this.options.baseUrl);
    if (response.status === 401 || response.status === 403) {
      return new UserError(
        localised("errorsModel.openai.refusedKey", { location, status: response.status }),
        {
          hint: localised("errorsModel.openai.refusedKeyHint"),
        },
      );
    }
    if (response.status === 404) {
      return new UserError(localised("errorsModel.openai.noModel", { model: this.model, location, detail }), {
        hint: localised("errorsModel.openai.noModelHint"),
      });
    }
    return new SystemError(
      localised("errorsModel.openai.http", { location, status: response.status, detail }),
      { hint: localised("errorsModel.openai.logHint") },
    );
  }

  private replySource(path: string) {
    return {
      what: `the reply of ${displayUrl(this.options.baseUrl)} to ${path}`,
      hint: "check that --base-url points at an OpenAI-compatible server (it must end in /v1)",
    };
  }

  private unreachable() {
    const location = displayUrl(this.options.baseUrl);
    return {
      message: localised("errorsModel.openai.unreachable", { location }),
      hint: localised("errorsModel.openai.unreachableHint"),
    };
  }
}

function toOpenAiMessage(message: ChatMessage): Record<string, unknown> {
  if (message.role === "tool")
    return {
      role: "tool",
      content: message.content,
      tool_call_id: message.toolCallId ?? message.toolName ?? "call",
    };
  const converted: Record<string, unknown> = { role: message.role, content: message.content };
  if (message.toolCalls !== undefined && message.toolCalls.length > 0) {
    converted.tool_calls = message.toolCalls.map((call, index) => ({
      id: call.id ?? `call_${index}`,
      type: "function",
      function: {
        name: call.name,
        arguments: typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments),
      },
    }));
  }
  return converted;
}

function stopReasonOf(finishReason: string | undefined): StopReason {
  if (finishReason === "stop") return "stop";
  if (finishReason === "length") return "length";
  if (finishReason === "tool_calls") return "tool_calls";
  return "other";
}
