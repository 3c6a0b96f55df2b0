import { Ajv } from "ajv";
import { afterAll, describe, expect, it } from "vitest";
import { buildActionSchema } from "../../src/agent/action-schema.js";
import { parseJsonAction } from "../../src/agent/agent-action.js";
import type { AgentEvent } from "../../src/agent/agent-events.js";
import { DEFAULT_AGENT_SETTINGS } from "../../src/agent/agent-settings.js";
import { refuseWithoutTerminal } from "../../src/agent/approval.js";
import { ArgumentValidator } from "../../src/agent/argument-validator.js";
import { runTurn } from "../../src/agent/run-turn.js";
import { LlamaCppModel } from "../../src/llm/llama-cpp-model.js";
import type { ExposedTool } from "../../src/mcp/tool-hub.js";
import { SystemError, UserError } from "../../src/util/errors.js";
import { createCompanyServer } from "../agent/company-server.js";
import { TINY_GGUF } from "../support/fixture-files.js";
import { connectInMemoryHub } from "../support/in-memory-hub.js";

function tool(name: string, inputSchema: ExposedTool["inputSchema"]): ExposedTool {
  return {
    name,
    originalName: name,
    server: "s",
    description: `tool ${name}`,
    inputSchema,
    annotations: {},
    serverRequiresApproval: false,
  };
}

const tools: ExposedTool[] = [
  tool("consultar_empresa", {
    type: "object",
    properties: { nombre: { type: "string", minLength: 1 } },
    required: ["nombre"],
  }),
  tool("buscar_documentos", {
    type: "object",
    properties: { consulta: { type: "string" }, limite: { type: "integer" }, tipo: { enum: ["pdf", "md"] } },
    required: ["consulta"],
  }),
  tool("listar_pedidos", {
    $schema: "http://json-schema.org/draft-07/schema#",
    type: "object",
    properties: {
      estados: { type: "array", items: { type: "string" } },
      incluir_cerrados: { type: "boolean" },
      cliente: { anyOf: [{ type: "string" }, { type: "null" }] },
    },
  }),
];

const model = new LlamaCppModel({
  ggufPath: TINY_GGUF,
  model: "tiny",
  temperature: 0.8,
  maxTokens: 120,
  contextSize: 1024,
  seed: 7,
});
afterAll(() => model.close());

describe("LlamaCppModel on the tiny random GGUF", () => {
  it("loads the prebuilt CPU binary and the model (doctor check)", async () => {
    const check = await model.check();
    expect(check).toMatchObject({
      reachable: true,
      modelAvailable: true,
      maxContextSize: 4096,
      problems: [],
    });
  });

  it("produces only schema-valid actions for the connected tools, step after step", async () => {
    const schema = buildActionSchema(tools);
    const validateAction = new Ajv({ strict: false }).compile(schema);
    const validator = new ArgumentValidator();
    const messages = [
      { role: "system" as const, content: "Eres un agente. Responde con JSON." },
      { role: "user" as const, content: "consulta empresa X" },
    ];
    for (let step = 0; step < 12; step += 1) {
      const response = await model.complete({ messages, schema });
      const value = JSON.parse(response.text) as unknown;
      expect(validateAction(value), `step ${step}: ${response.text}`).toBe(true);
      const parsed = parseJsonAction(response.text);
      expect(parsed.ok, response.text).toBe(true);
      if (parsed.ok && parsed.action.kind === "tool") {
        const target = tools.find(
          (candidate) => candidate.name === (parsed.action as { tool: string }).tool,
        ) as ExposedTool;
        expect(validator.check(target, parsed.action.args), response.text).toEqual({ ok: true });
      }
      messages.push({ role: "user", content: `paso ${step}` });
    }
  }, 120_000);

  it("drives the whole loop against a real MCP server without one invalid step", async () => {
    const hub = await connectInMemoryHub(createCompanyServer());
    const events: AgentEvent[] = [];
    try {
      const result = await runTurn({
        model,
        hub,
        userMessage: "consulta empresa X",
        history: [],
        settings: { ...DEFAULT_AGENT_SETTINGS, maxSteps: 4 },
        approver: refuseWithoutTerminal,
        onEvent: (event) => events.push(event),
      });
      expect(["answer", "step_limit"]).toContain(result.stopReason);
      expect(events.filter((event) => event.type === "invalid_action")).toEqual([]);
      expect(events.filter((event) => event.type === "model_call").length).toBeGreaterThan(0);
    } finally {
      await hub.close();
    }
  }, 120_000);

  it("streams the reply to onText in pieces that join to the final text", async () => {
    const seen: string[] = [];
    const response = await model.complete({
      messages: [{ role: "user", content: "consulta empresa X" }],
      schema: buildActionSchema(tools),
      onText: (text) => seen.push(text),
    });
    expect(response.stopReason).toBe("stop");
    expect(seen.length).toBeGreaterThan(1);
    const pieces = seen.map((text, index) => {
      const before = index === 0 ? "" : (seen[index - 1] ?? "");
      expect(text.startsWith(before) && text.length > before.length, text).toBe(true);
      return text.slice(before.length);
    });
    expect(pieces.join("")).toBe(response.text);
  }, 120_000);

  it("refuses native tool mode with a clear message", async () => {
    await expect(model.complete({ messages: [{ role: "user", content: "x" }], tools: [] })).rejects.toThrow(
      UserError,
    );
  });
});

describe("LlamaCppModel failures", () => {
  it("names the missing GGUF file", async () => {
    const missing = new LlamaCppModel({
      ggufPath: "/nonexistent/model.gguf",
      model: "m",
      temperature: 0,
      maxTokens: 16,
      contextSize: undefined,
    });
    await expect(missing.complete({ messages: [{ role: "user", content: "x" }] })).rejects.toThrow(
      "GGUF model file not found: /nonexistent/model.gguf",
    );
  });

  it("says to install node-llama-cpp when the package cannot be loaded", async () => {
    const withoutPackage = new LlamaCppModel({
      ggufPath: TINY_GGUF,
      model: "m",
      temperature: 0,
      maxTokens: 16,
      contextSize: undefined,
      loadModule: async () => {
        throw new SystemError(
          "the llama-cpp provider needs the optional package node-llama-cpp, which is not installed",
          { hint: "install node-llama-cpp" },
        );
      },
    });
    const check = await withoutPackage.check();
    expect(check.reachable).toBe(false);
    expect(check.problems[0]).toMatch(/needs the optional package node-llama-cpp.*install node-llama-cpp/);
  });
});
