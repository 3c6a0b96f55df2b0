/**
 * `preguntar_agente`: the whole agent behind one MCP tool. One call is one turn of the agent loop (`runTurn`)
 * over the shared hub: retrieved context, tool calls with the loop guard and approval, the step limit. The
 * result is the answer as text plus the steps as structured content. Calls that name the same `conversacion`
 * share a history inside one gateway session, and run one at a time.
 */
import type { Tool } from "@modelcontextprotocol/server";
import { z } from "zod";
import type { AgentEventListener } from "../../agent/agent-events.js";
import type { Approver } from "../../agent/approval.js";
import { runTurn, type StepRecord, type TurnResult } from "../../agent/run-turn.js";
import type { ChatMessage } from "../../llm/chat-model.js";
import type { ToolHub, ToolResult } from "../../mcp/tool-hub.js";
import type { AgentWiring } from "./gateway-deps.js";

export const ASK_AGENT_TOOL = "preguntar_agente";

/** Longest question accepted: a turn's prompt must fit a small model's window. */
const MAX_QUESTION_CHARACTERS = 20_000;
/** Conversations remembered per session; the oldest is forgotten first. */
const MAX_CONVERSATIONS = 50;

const askArguments = z.object({
  pregunta: z
    .string()
    .trim()
    .min(1)
    .max(MAX_QUESTION_CHARACTERS)
    .describe("La pregunta o la tarea para el agente, en lenguaje natural."),
  conversacion: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe(
      "Identificador libre de una conversación: las preguntas con el mismo identificador comparten historial en esta sesión. Sin él, la pregunta va sola.",
    ),
});

const stepShape = z.object({
  step: z.number(),
  tool: z.string().optional(),
  arguments: z.record(z.string(), z.unknown()).optional(),
  observation: z.string().optional(),
  isError: z.boolean().optional(),
  repeated: z.boolean().optional(),
  problem: z.string().optional(),
});

const askOutput = z.object({
  answer: z.string(),
  stopReason: z.enum(["answer", "step_limit", "invalid_output", "cancelled"]),
  steps: z.array(stepShape),
  sources: z.array(z.string()),
});

export type AskAgentOutput = z.infer<typeof askOutput>;

/** The tool as `tools/list` shows it. */
export function askAgentTool(): Tool {
  return {
    name: ASK_AGENT_TOOL,
    title: "Preguntar al agente",
    description:
      "Hace una pregunta al agente de agente: usa sus propias herramientas (memoria de documentos, ERP, archivos, bases de datos) y la memoria recuperada, y devuelve la respuesta final con los pasos que dio.",
    inputSchema: { ...jsonSchemaOf(askArguments), type: "object" },
    outputSchema: { ...jsonSchemaOf(askOutput), type: "object" },
    annotations: { readOnlyHint: false, destructiveHint: false, openWorldHint: true },
  };
}

export interface AskAgentCall {
  args: Record<string, unknown>;
  approver: Approver;
  signal?: AbortSignal;
  /** Called with a short line per step (for progress notifications). */
  onStep?: (line: string) => void;
}

/** One session's `preguntar_agente`: the histories of its conversations live as long as the session. */
export class AskAgentTool {
  private readonly histories = new Map<string, readonly ChatMessage[]>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly agent: AgentWiring,
    private readonly hub: ToolHub,
  ) {}

  /** Runs the turn; a failing model comes back as a thrown error, the caller turns it into a result. */
  async call(call: AskAgentCall): Promise<ToolResult> {
    const parsed = askArguments.safeParse(call.args);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return errorResult(
        `parámetros inválidos para ${ASK_AGENT_TOOL}: ${issue?.path.join(".") || "(raíz)"}: ${issue?.message ?? "inválidos"}`,
      );
    }
    const { pregunta, conversacion } = parsed.data;
    if (conversacion === undefined) return toResult(await this.turn(pregunta, [], call));
    // Turns of one conversation queue: each reads the history the previous one left.
    const previous = this.queues.get(conversacion) ?? Promise.resolve();
    const next = previous
      // A failed earlier turn was reported to its own caller; this one still runs.
      .catch(() => undefined)
      .then(async () => {
        const result = await this.turn(pregunta, this.histories.get(conversacion) ?? [], call);
        if (result.stopReason !== "cancelled") this.remember(conversacion, result.newMessages);
        return result;
      });
    this.queues.set(conversacion, next);
    try {
      return toResult(await next);
    } finally {
      if (this.queues.get(conversacion) === next) this.queues.delete(conversacion);
    }
  }

  private turn(question: string, history: readonly ChatMessage[], call: AskAgentCall): Promise<TurnResult> {
    const onEvent: AgentEventListener = (event) => {
      this.agent.onEvent?.(event);
      if (event.type === "action" && event.action.kind === "tool")
        call.onStep?.(`paso ${event.step}: ${event.action.tool}`);
    };
    return runTurn({
      model: this.agent.model,
      hub: this.hub,
      userMessage: question,
      history,
      settings: this.agent.settings,
      approver: call.approver,
      onEvent,
      ...(call.signal === undefined ? {} : { signal: call.signal }),
      ...(this.agent.selectTools === undefined ? {} : { selectTools: this.agent.selectTools }),
    });
  }

  private remember(conversation: string, newMessages: readonly ChatMessage[]): void {
    const keep = this.agent.settings.historyTurns * 2;
    const history = [...(this.histories.get(conversation) ?? []), ...newMessages];
    this.histories.delete(conversation);
    this.histories.set(conversation, keep === 0 ? [] : history.slice(-keep));
    // Map order is insertion order: the first key is the conversation used longest ago.
    if (this.histories.size > MAX_CONVERSATIONS) {
      const oldest = this.histories.keys().next().value;
      if (oldest !== undefined) this.histories.delete(oldest);
    }
  }
}

function toResult(result: TurnResult): ToolResult {
  const output: AskAgentOutput = {
    answer: result.answer,
    stopReason: result.stopReason,
    steps: result.steps.map(stepOutput),
    sources: [...new Set(result.context.map((passage) => passage.source))],
  };
  return {
    content: [{ type: "text", text: result.answer }],
    structuredContent: output,
    ...(result.stopReason === "answer" ? {} : { isError: true }),
  };
}

function stepOutput(record: StepRecord): AskAgentOutput["steps"][number] {
  const action = record.action;
  return {
    step: record.step,
    ...(action?.kind === "tool" ? { tool: action.tool, arguments: action.args } : {}),
    ...(record.observation === undefined ? {} : { observation: record.observation }),
    ...(record.isError === undefined ? {} : { isError: record.isError }),
    ...(record.repeated === undefined ? {} : { repeated: record.repeated }),
    ...(record.problem === undefined ? {} : { problem: record.problem }),
  };
}

export function errorResult(text: string): ToolResult {
  return { content: [{ type: "text", text }], isError: true };
}

/** A JSON Schema for `tools/list`, without `$schema` (clients validate with their own draft). */
function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { target: "draft-7" });
  return rest;
}
