/**
 * A `ChatModel` test double: hands out one scripted reply per call (a string, a full response, or a
 * function of the request) and records every request. Running out of script fails the test loudly.
 */
import type { ChatModel, ChatRequest, ChatResponse, ModelCheck } from "../../src/llm/chat-model.js";

export type ScriptedReply =
  | string
  | Partial<ChatResponse>
  | ((request: ChatRequest) => string | Partial<ChatResponse>);

export class ScriptedModel implements ChatModel {
  readonly provider = "scripted";
  readonly model = "scripted-model";
  readonly constrainsOutput = false;
  readonly requests: ChatRequest[] = [];
  private readonly replies: ScriptedReply[];

  constructor(replies: ScriptedReply[]) {
    this.replies = [...replies];
  }

  async complete(request: ChatRequest): Promise<ChatResponse> {
    this.requests.push(structuredClone({ ...request, signal: undefined }));
    const next = this.replies.shift();
    if (next === undefined)
      throw new Error(`ScriptedModel: no reply scripted for call ${this.requests.length}`);
    const reply = typeof next === "function" ? next(request) : next;
    const partial = typeof reply === "string" ? { text: reply } : reply;
    return { text: "", toolCalls: [], stopReason: "stop", warnings: [], ...partial };
  }

  async check(): Promise<ModelCheck> {
    return {
      provider: this.provider,
      model: this.model,
      location: "memory",
      reachable: true,
      modelAvailable: true,
      problems: [],
    };
  }

  async close(): Promise<void> {}

  /** Replies not consumed yet. */
  remaining(): number {
    return this.replies.length;
  }
}

/** `{"herramienta_llamada": tool, "parametros": args}` */
export function toolCall(tool: string, args: Record<string, unknown>): string {
  return JSON.stringify({ herramienta_llamada: tool, parametros: args });
}

/** `{"respuesta": text}` */
export function answer(text: string): string {
  return JSON.stringify({ respuesta: text });
}
