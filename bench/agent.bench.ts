/**
 * The agent's own costs, apart from the model: time per step with 50 tools connected (scripted model,
 * in-process tools), the system prompt and action schema sizes, and the schema-valid step rate of the
 * embedded llama.cpp provider on a model with random weights.
 */
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";
import { buildActionSchema } from "../src/agent/action-schema.js";
import { parseJsonAction } from "../src/agent/agent-action.js";
import { DEFAULT_AGENT_SETTINGS } from "../src/agent/agent-settings.js";
import { approveAll } from "../src/agent/approval.js";
import { ArgumentValidator } from "../src/agent/argument-validator.js";
import { runTurn } from "../src/agent/run-turn.js";
import type { ChatModel } from "../src/llm/chat-model.js";
import { LlamaCppModel } from "../src/llm/llama-cpp-model.js";
import { estimateCounter } from "../src/llm/token-counter.js";
import type { ExposedTool, ToolHub } from "../src/mcp/tool-hub.js";
import { buildSystemPrompt } from "../src/prompt/system-prompt.js";
import { ScriptedModel } from "../src/testing/scripted-model.js";
import { type Bench, type BenchTable, percentile, sized } from "./table.js";

const TINY_GGUF = fileURLToPath(new URL("../test/fixtures/models/llama-2-tiny-random.gguf", import.meta.url));

/** Tools shaped like the real ones: a few string, number, enum, array and optional fields each. */
function makeTools(count: number): ExposedTool[] {
  return Array.from({ length: count }, (_, index) => {
    const name = `herramienta_${index}`;
    return {
      name,
      originalName: name,
      server: `servidor_${index % 5}`,
      description: `Consulta los registros del tipo ${index} en el sistema. Devuelve una lista breve.`,
      inputSchema: {
        type: "object",
        properties: {
          nombre: { type: "string", description: "nombre a buscar" },
          limite: { type: "integer", minimum: 1, maximum: 50 },
          estado: { enum: ["abierto", "cerrado", "todos"] },
          etiquetas: { type: "array", items: { type: "string" } },
        },
        required: ["nombre"],
        additionalProperties: false,
      },
      annotations: { readOnlyHint: true },
      serverRequiresApproval: false,
    };
  });
}

function inProcessHub(tools: ExposedTool[]): ToolHub {
  return {
    tools: () => tools,
    callTool: async (name) => ({
      content: [{ type: "text", text: `{"resultado":"ok","herramienta":"${name}"}` }],
    }),
  };
}

/** A model that answers instantly from a script, round and round: what is left is the agent's own time. */
function instantModel(turnScript: string[]): ChatModel {
  let call = 0;
  return new ScriptedModel(() => turnScript[call++ % turnScript.length] ?? "", {
    provider: "bench",
    model: "instant",
    recordRequests: false,
  });
}

async function stepOverhead(): Promise<BenchTable> {
  const rows: Array<Array<string | number>> = [];
  for (const toolCount of [5, 50]) {
    const tools = makeTools(toolCount);
    const hub = inProcessHub(tools);
    const script = [
      JSON.stringify({
        herramienta_llamada: "herramienta_1",
        parametros: { nombre: "Empresa X", limite: 5 },
      }),
      JSON.stringify({
        herramienta_llamada: `herramienta_${toolCount - 1}`,
        parametros: { nombre: "Empresa Y", estado: "abierto" },
      }),
      JSON.stringify({ respuesta: "Listo." }),
    ];
    const model = instantModel(script);
    const validator = new ArgumentValidator();
    const perStep: number[] = [];
    for (let turn = 0; turn < sized(300, 25); turn += 1) {
      const started = performance.now();
      const result = await runTurn({
        model,
        hub,
        userMessage: "consulta",
        history: [],
        settings: DEFAULT_AGENT_SETTINGS,
        approver: approveAll,
        validator,
      });
      const elapsed = performance.now() - started;
      if (turn >= 20) perStep.push(elapsed / result.steps.length);
    }
    rows.push([toolCount, perStep.length, percentile(perStep, 50), percentile(perStep, 95)]);
  }
  return {
    title: "Agent overhead per step (scripted model, in-process tools; model and tool time excluded)",
    columns: ["tools", "turns", "p50 ms/step", "p95 ms/step"],
    rows,
    notes: [
      "goal: ≤ 2 ms p50 with 50 tools",
      "a step: build prompt + schema, parse, validate arguments, loop guard, call, observation",
    ],
  };
}

async function promptSizes(tokenize: ((text: string) => number) | undefined): Promise<BenchTable> {
  const rows: Array<Array<string | number>> = [];
  for (const toolCount of [5, 50]) {
    const tools = makeTools(toolCount);
    const prompt = buildSystemPrompt(tools, [], "json");
    const schema = JSON.stringify(buildActionSchema(tools));
    rows.push([
      toolCount,
      prompt.length,
      estimateCounter().count(prompt),
      tokenize?.(prompt) ?? "n/a",
      schema.length,
    ]);
  }
  return {
    title: "System prompt size",
    columns: [
      "tools",
      "prompt chars",
      "prompt tokens (estimate)",
      "prompt tokens (Llama 2 tokenizer of the tiny GGUF)",
      "action schema chars",
    ],
    rows,
    notes: ["the schema goes to the provider as a grammar (format / response_format), not into the prompt"],
  };
}

async function tinyModelValidity(): Promise<{ table: BenchTable; tokenize: (text: string) => number }> {
  const tools = makeTools(5);
  tools.push({
    name: "consultar_empresa",
    originalName: "consultar_empresa",
    server: "empresas",
    description: "Consulta una empresa",
    inputSchema: {
      type: "object",
      properties: { nombre: { type: "string", minLength: 1 } },
      required: ["nombre"],
    },
    annotations: { readOnlyHint: true },
    serverRequiresApproval: false,
  });
  const ajv = new Ajv({ strict: false });
  const fullSchema = buildActionSchema(tools);
  const answerSchema = buildActionSchema(tools, { answerOnly: true });
  const validateFull = ajv.compile(fullSchema);
  const validateAnswer = ajv.compile(answerSchema);
  const validator = new ArgumentValidator();
  const model = new LlamaCppModel({
    ggufPath: TINY_GGUF,
    model: "tiny-random",
    temperature: 0.8,
    maxTokens: 96,
    contextSize: 2048,
    seed: 11,
  });
  const steps = sized(60, 4);
  let valid = 0;
  let toolSteps = 0;
  let answers = 0;
  let closed = 0;
  const durations: number[] = [];
  try {
    for (let step = 0; step < steps; step += 1) {
      // Every fourth step is decoded as the loop does after a repeated call: answer only.
      const answerOnly = step % 4 === 3;
      const schema = answerOnly ? answerSchema : fullSchema;
      const validateAction = answerOnly ? validateAnswer : validateFull;
      const started = performance.now();
      const response = await model.complete({
        messages: [
          { role: "system", content: buildSystemPrompt(tools, [], "json") },
          { role: "user", content: `consulta empresa ${step}` },
        ],
        schema,
      });
      durations.push(performance.now() - started);
      if (response.stopReason === "length") closed += 1;
      let ok = false;
      try {
        ok = validateAction(JSON.parse(response.text)) === true;
      } catch {
        ok = false;
      }
      const parsed = parseJsonAction(response.text);
      if (ok && parsed.ok && parsed.action.kind === "tool") {
        toolSteps += 1;
        const action = parsed.action;
        const tool = tools.find((candidate) => candidate.name === action.tool);
        ok = tool !== undefined && validator.check(tool, action.args).ok;
      }
      if (ok && parsed.ok && parsed.action.kind === "answer") answers += 1;
      if (ok && parsed.ok) valid += 1;
    }
    const check = await model.check();
    const engine = check.reachable;
    return {
      table: {
        title: "Schema-valid steps, embedded llama.cpp on llama-2-tiny-random.gguf (random weights)",
        columns: [
          "steps",
          "valid",
          "valid %",
          "tool calls",
          "answers",
          "cut and closed",
          "p50 ms/step",
          "p95 ms/step",
        ],
        rows: [
          [
            steps,
            valid,
            (100 * valid) / steps,
            toolSteps,
            answers,
            closed,
            percentile(durations, 50),
            percentile(durations, 95),
          ],
        ],
        notes: [
          `goal: 100% valid; engine loaded: ${engine}; 6 tools (string, bounded integer, enum, array arguments), max tokens 96, temperature 0.8`,
          "valid: parses, matches the action schema (ajv) and the chosen tool's inputSchema; every 4th step answer-only",
        ],
      },
      tokenize: await tokenizerOf(),
    };
  } finally {
    await model.close();
  }
}

async function tokenizerOf(): Promise<(text: string) => number> {
  const { getLlama } = await import("node-llama-cpp");
  const llama = await getLlama({ gpu: false, build: "never", progressLogs: false });
  const model = await llama.loadModel({ modelPath: TINY_GGUF });
  return (text: string) => model.tokenize(text).length;
}

export default (async () => {
  const overhead = await stepOverhead();
  const tiny = await tinyModelValidity();
  return [overhead, await promptSizes(tiny.tokenize), tiny.table];
}) satisfies Bench;
