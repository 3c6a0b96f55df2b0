import { describe, expect, it } from "vitest";
import { chooseApprover } from "../../../src/cli/agent-runtime.js";
import { renderEvent } from "../../../src/cli/agent-view.js";
import { createTranslator } from "../../../src/i18n/translator.js";
import type { ExposedTool } from "../../../src/mcp/tool-hub.js";

const tool: ExposedTool = {
  name: "borrar_empresa",
  originalName: "borrar_empresa",
  server: "s",
  description: "",
  inputSchema: { type: "object" },
  annotations: { destructiveHint: true },
  serverRequiresApproval: false,
};

describe("agent view", () => {
  it("shows tool calls always, with secrets redacted", () => {
    const line = renderEvent(
      {
        type: "action",
        step: 1,
        action: { kind: "tool", tool: "login", args: { user: "ana", password: "hunter2" } },
      },
      false,
    );
    expect(line).toBe('→ login {"user":"ana","password":"[redacted]"}');
  });

  // Regression: a call to a tool that was not offered printed `→ query {…}` and nothing said it never ran.
  it("always says when a step was rejected, in detail with --verbose", () => {
    const rejected = {
      type: "invalid_action" as const,
      step: 2,
      problem: 'la herramienta "query" no existe',
      correctionsLeft: 1,
    };
    expect(renderEvent(rejected, false)).toBe('✗ not run: la herramienta "query" no existe');
    expect(renderEvent(rejected, true)).toBe(
      '! step 2 rejected: la herramienta "query" no existe (1 corrections left)',
    );
  });

  it("speaks the user's language", () => {
    const spanish = createTranslator("es");
    const rejected = {
      type: "invalid_action" as const,
      step: 2,
      problem: "JSON mal formado",
      correctionsLeft: 1,
    };
    expect(renderEvent(rejected, false, spanish)).toBe("✗ no se ejecutó: JSON mal formado");
    expect(renderEvent(rejected, true, spanish)).toBe(
      "! paso 2 rechazado: JSON mal formado (quedan 1 correcciones)",
    );
    const context = {
      type: "context" as const,
      passages: [{ source: "tarifas.txt", text: "120 euros" }],
      durationMs: 12,
    };
    expect(renderEvent(context, false, spanish)).toBe("· contexto: tarifas.txt");
    expect(renderEvent(context, true, spanish)).toMatch(/^· contexto: 1 fragmentos \(12 ms\)\n/);
    expect(renderEvent({ type: "approval", step: 1, tool: "x", approved: true }, true, spanish)).toBe(
      "✓ x aprobada",
    );
  });

  it("shows which tools were offered and why, with --verbose", () => {
    const offered = {
      type: "tools_offered" as const,
      offered: ["query", "consultar_empresa"],
      omitted: 20,
      reasons: [
        { name: "query", why: 'lexical: no match (best of server "postgres")' },
        { name: "consultar_empresa", why: "lexical: matched empresa" },
      ],
    };
    expect(renderEvent(offered, false)).toBeUndefined();
    expect(renderEvent(offered, true)).toBe(
      '· tools offered: 2 (20 left out)\n    query: lexical: no match (best of server "postgres")\n    consultar_empresa: lexical: matched empresa',
    );
  });

  it("shows the prompt budget only with --verbose", () => {
    const budget = {
      type: "prompt_budget" as const,
      counter: "llama3",
      budgetTokens: 3584,
      usedTokens: 3400,
      droppedTools: 0,
      droppedPassages: 1,
      droppedHistoryMessages: 4,
    };
    expect(renderEvent(budget, false)).toBeUndefined();
    expect(renderEvent(budget, true)).toBe(
      "· prompt 3400/3584 tokens (llama3), dropped 1 passages, 4 history messages",
    );
  });

  it("shows model calls only with --verbose", () => {
    const call = {
      type: "model_call" as const,
      step: 2,
      attempt: 1,
      messageCount: 4,
      requestCharacters: 900,
      promptTokensEstimate: 300,
      answerOnly: false,
      rawOutput: '{"respuesta":"hola"}',
      promptTokens: 288,
      contextSize: 4096,
      durationMs: 812.4,
    };
    expect(renderEvent(call, false)).toBeUndefined();
    expect(renderEvent(call, true)).toBe(
      '· step 2: 4 messages, 288/4096 prompt tokens, 812 ms\n    model: {"respuesta":"hola"}',
    );
    expect(
      renderEvent(
        { type: "invalid_action", step: 1, problem: "el JSON está mal formado", correctionsLeft: 1 },
        true,
      ),
    ).toContain("rejected: el JSON está mal formado");
  });
});

describe("chooseApprover", () => {
  it("approves with --yes, asks on a terminal, refuses without one", async () => {
    expect(await chooseApprover(true, undefined).decide({ tool, args: {} })).toEqual({ approved: true });
    expect(await chooseApprover(false, async () => "s").decide({ tool, args: {} })).toEqual({
      approved: true,
    });
    expect(await chooseApprover(false, async () => "").decide({ tool, args: {} })).toMatchObject({
      approved: false,
    });
    expect(await chooseApprover(undefined, undefined).decide({ tool, args: {} })).toMatchObject({
      approved: false,
      reason: expect.stringContaining("--yes"),
    });
  });

  it("the loop guard's line is the person's, in their language, not the model's text", () => {
    const repeated = {
      type: "observation" as const,
      step: 2,
      tool: "consultar_empresa",
      text: "Ya llamaste a consultar_empresa con esos mismos parámetros. …",
      isError: false,
      repeated: true,
      durationMs: 0,
    };
    expect(renderEvent(repeated, false, createTranslator("en"))).toBe(
      "↺ consultar_empresa again with the same parameters: not run; the model was given its earlier result",
    );
    expect(renderEvent(repeated, false, createTranslator("es"))).toBe(
      "↺ consultar_empresa otra vez con los mismos parámetros: no se ejecuta; el modelo recibe su resultado anterior",
    );
  });
});
