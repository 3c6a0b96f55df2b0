/**
 * The embedded provider: llama.cpp in-process through node-llama-cpp, for machines without a model server.
 * Every step is decoded under a grammar built from the action schema, so even a model with random weights
 * emits a well-formed action. node-llama-cpp is an optional dependency loaded on first use; it must find a
 * prebuilt binary (no download, no source build at run time).
 */
import { access } from "node:fs/promises";
import { availableParallelism } from "node:os";
import type {
  ChatHistoryItem,
  Llama,
  LlamaChat,
  LlamaContext,
  LlamaGrammar,
  LlamaModel,
} from "node-llama-cpp";
import { localised } from "../i18n/localised.js";
import { disposeEngine, startLlama } from "../models/llama-runtime.js";
import { errorMessage, SystemError, UserError } from "../util/errors.js";
import type { ChatMessage, ChatModel, ChatRequest, ChatResponse, ModelCheck } from "./chat-model.js";
import { addProblem, errorProblem } from "./check-problems.js";
import { maxJsonLength, toGrammarSchema } from "./grammar-schema.js";
import { closeJsonPrefix } from "./json-prefix.js";

export type NodeLlamaCppModule = typeof import("node-llama-cpp");

export interface LlamaCppModelOptions {
  ggufPath: string;
  /** Label shown to the user (defaults to the file name). */
  model: string;
  temperature: number;
  maxTokens: number;
  /** Context window; undefined takes the smaller of 4096 and the model's trained context. */
  contextSize: number | undefined;
  seed?: number;
  /** CPU threads; default: all cores but one (at least one). */
  threads?: number;
  /** GPU backend; default CPU, except Metal on macOS (Apple Silicon has only a Metal build). */
  gpu?: "off" | "auto" | "cuda" | "vulkan" | "metal" | undefined;
  /** Loads node-llama-cpp; injected so a missing package can be tested. */
  loadModule?: () => Promise<NodeLlamaCppModule>;
}

interface Engine {
  llama: Llama;
  model: LlamaModel;
  context: LlamaContext;
  chat: LlamaChat;
}

const DEFAULT_CONTEXT = 4096;
/** Longest string argument (names, queries, paths) the grammar allows. */
const MAX_ARGUMENT_STRING = 200;

export class LlamaCppModel implements ChatModel {
  readonly provider = "llama-cpp";
  readonly model: string;
  readonly constrainsOutput = true;
  private readonly options: LlamaCppModelOptions;
  private engine: Promise<Engine> | undefined;
  private readonly grammars = new Map<string, Promise<{ grammar: LlamaGrammar; maxCharacters: number }>>();

  constructor(options: LlamaCppModelOptions) {
    this.options = options;
    this.model = options.model;
  }

  async complete(request: ChatRequest): Promise<ChatResponse> {
    if (request.tools !== undefined) {
      throw new UserError(localised("errorsModel.llamaCpp.noNativeTools"), {
        hint: localised("errorsModel.llamaCpp.noNativeToolsHint"),
      });
    }
    const engine = await this.start();
    const constraint =
      request.schema === undefined ? undefined : await this.grammarFor(engine, request.schema);
    const history = toHistory(request.messages);
    const promptTokens = engine.model.tokenize(
      request.messages.map((message) => message.content).join("\n"),
    ).length;
    const room = Math.max(16, engine.context.contextSize - promptTokens - 32);
    // Under a grammar the bounded strings close the action by themselves; the token limit is only the
    // grammar's own bound (a token is at least one character), so a well-formed action is never cut.
    const maxTokens = Math.min(
      room,
      constraint === undefined
        ? this.options.maxTokens
        : Math.max(this.options.maxTokens, constraint.maxCharacters),
    );
    let textSoFar = "";
    const onText = request.onText;
    const result = await engine.chat.generateResponse(history, {
      ...(constraint === undefined ? {} : { grammar: constraint.grammar }),
      ...(onText === undefined
        ? {}
        : {
            onTextChunk: (chunk: string) => {
              // node-llama-cpp may close the reply with an empty chunk: there is nothing new to show.
              if (chunk === "") return;
              textSoFar += chunk;
              onText(textSoFar);
            },
          }),
      maxTokens,
      // No thinking segment (Qwen3 and other reasoning models): each step is one action, decoded at once.
      budgets: { thoughtTokens: 0 },
      temperature: this.options.temperature,
      ...(this.options.seed === undefined ? {} : { seed: this.options.seed }),
      ...(request.signal === undefined ? {} : { signal: request.signal, stopOnAbortSignal: false }),
    });
    const cut = result.metadata.stopReason === "maxTokens";
    // Cut anyway (the context ran out): the prefix is valid under the grammar, and closing it recovers the action.
    const closed = cut && constraint !== undefined ? closeJsonPrefix(result.response) : undefined;
    const warnings: string[] = [];
    if (cut)
      warnings.push(
        `the reply hit the token limit (${maxTokens})${closed === undefined ? "" : " and was closed"}`,
      );
    if (promptTokens + this.options.maxTokens > engine.context.contextSize) {
      warnings.push(
        `the prompt (${promptTokens} tokens) does not fit the context window of ${engine.context.contextSize} tokens`,
      );
    }
    return {
      text: closed ?? result.response,
      toolCalls: [],
      stopReason: cut ? "length" : "stop",
      promptTokens,
      completionTokens: engine.model.tokenize(result.response).length,
      contextSize: engine.context.contextSize,
      warnings,
    };
  }

  async check(): Promise<ModelCheck> {
    const result: ModelCheck = {
      provider: this.provider,
      model: this.model,
      location: this.options.ggufPath,
      reachable: false,
      modelAvailable: false,
      problems: [],
    };
    try {
      const engine = await this.start();
      result.reachable = true;
      result.modelAvailable = true;
      result.maxContextSize = engine.model.trainContextSize;
    } catch (error) {
      addProblem(result, errorProblem(error));
    }
    return result;
  }

  async close(): Promise<void> {
    const engine = this.engine;
    this.engine = undefined;
    await disposeEngine(engine);
  }

  private start(): Promise<Engine> {
    this.engine ??= this.load();
    return this.engine;
  }

  private async load(): Promise<Engine> {
    try {
      await access(this.options.ggufPath);
    } catch {
      throw new UserError(localised("errorsModel.llamaCpp.fileMissing", { path: this.options.ggufPath }), {
        hint: localised("errorsModel.llamaCpp.fileMissingHint"),
      });
    }
    const module = await (this.options.loadModule ?? loadNodeLlamaCpp)();
    const gpu = this.options.gpu ?? (process.platform === "darwin" ? "auto" : "off");
    const llama = await startLlama(module, {
      gpu: gpu === "off" ? false : gpu,
      hint: "reinstall node-llama-cpp so its platform package (@node-llama-cpp/<platform>) is present, or use --provider ollama",
    });
    try {
      const model = await llama.loadModel({ modelPath: this.options.ggufPath });
      const contextSize = this.options.contextSize ?? Math.min(DEFAULT_CONTEXT, model.trainContextSize);
      // ggml's threads spin while they wait for each other: on a busy machine, one thread per core too
      // many makes decoding a hundred times slower. Leave one core to the host and its servers.
      const threads = this.options.threads ?? Math.max(1, availableParallelism() - 1);
      const context = await model.createContext({ contextSize, threads });
      const chat = new module.LlamaChat({ contextSequence: context.getSequence() });
      return { llama, model, context, chat };
    } catch (error) {
      await llama.dispose().catch(() => {});
      throw new SystemError(
        localised("errorsModel.llamaCpp.cannotLoad", {
          path: this.options.ggufPath,
          detail: errorMessage(error),
        }),
        { cause: error, hint: localised("errorsModel.llamaCpp.cannotLoadHint") },
      );
    }
  }

  private grammarFor(
    engine: Engine,
    schema: object,
  ): Promise<{ grammar: LlamaGrammar; maxCharacters: number }> {
    const key = JSON.stringify(schema);
    let constraint = this.grammars.get(key);
    if (constraint === undefined) {
      // Every string is bounded so the grammar closes every action: an argument gets up to --max-tokens
      // characters (at most 200), the answer twice that (real text runs 3–4 characters per token).
      const grammarSchema = toGrammarSchema(schema, {
        maxStringLength: Math.min(MAX_ARGUMENT_STRING, this.options.maxTokens),
        maxArrayItems: 4,
      });
      boundAnswer(grammarSchema, this.options.maxTokens * 2);
      const maxCharacters = maxJsonLength(grammarSchema);
      // The converted schema is within node-llama-cpp's subset by construction; its type is too deep to name.
      constraint = engine.llama
        .createGrammarForJsonSchema(grammarSchema as never)
        .then((grammar) => ({ grammar, maxCharacters }));
      this.grammars.set(key, constraint);
    }
    return constraint;
  }
}

async function loadNodeLlamaCpp(): Promise<NodeLlamaCppModule> {
  try {
    return await import("node-llama-cpp");
  } catch (error) {
    throw new SystemError(
      `the llama-cpp provider needs the optional package node-llama-cpp, which is not installed (${errorMessage(error)})`,
      {
        cause: error,
        hint: "install node-llama-cpp with `npm install node-llama-cpp`, or use --provider ollama / openai",
      },
    );
  }
}

function boundAnswer(schema: Record<string, unknown>, maxLength: number): void {
  const alternatives = Array.isArray(schema.oneOf)
    ? (schema.oneOf as Array<Record<string, unknown>>)
    : [schema];
  for (const alternative of alternatives) {
    const answer = (alternative.properties as Record<string, Record<string, unknown>> | undefined)?.respuesta;
    if (answer?.type === "string") answer.maxLength = maxLength;
  }
}

function toHistory(messages: readonly ChatMessage[]): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = [];
  for (const message of messages) {
    if (message.role === "system") history.push({ type: "system", text: message.content });
    else if (message.role === "assistant") history.push({ type: "model", response: [message.content] });
    else history.push({ type: "user", text: message.content });
  }
  history.push({ type: "model", response: [] });
  return history;
}
