/**
 * The agent's own texts come from the catalogue: parse problems in the prompt's language (the model reads
 * them in its correction), over-budget warnings in the person's language in the terminal.
 */
import { describe, expect, it } from "vitest";
import { parseJsonAction, parseNativeAction } from "../../src/agent/agent-action.js";
import { resolveStep } from "../../src/agent/next-step.js";
import { renderEvent } from "../../src/cli/agent-view.js";
import { localised } from "../../src/i18n/localised.js";
import { createTranslator } from "../../src/i18n/translator.js";
import type { ChatResponse } from "../../src/llm/chat-model.js";

const en = createTranslator("en");
const es = createTranslator("es");
const reply = (text: string): ChatResponse => ({ text, toolCalls: [], stopReason: "stop", warnings: [] });

describe("parse problems", () => {
  it("in English for an English prompt", () => {
    expect(parseJsonAction("hola", en)).toEqual({ ok: false, problem: "the reply is not a JSON object" });
    expect(parseJsonAction("{nope}", en)).toEqual({ ok: false, problem: "the JSON is malformed" });
    expect(parseJsonAction('{"otra":1}', en)).toEqual({
      ok: false,
      problem: 'the keys "herramienta_llamada" or "respuesta" are missing',
    });
    expect(parseJsonAction('{"respuesta":"  "}', en)).toEqual({ ok: false, problem: '"respuesta" is empty' });
    expect(parseNativeAction(reply(" "), en)).toEqual({
      ok: false,
      problem: "the reply is empty",
    });
  });

  it("in Spanish for a Spanish prompt, and by default", () => {
    expect(parseJsonAction('{"herramienta_llamada":""}', es)).toEqual({
      ok: false,
      problem: '"herramienta_llamada" debe ser el nombre de una herramienta',
    });
    expect(parseJsonAction("hola")).toEqual({ ok: false, problem: "la respuesta no es un objeto JSON" });
  });

  it("the step resolver hands the prompt's translator to the parser", () => {
    const step = resolveStep(reply("hola"), {
      toolMode: "json",
      maxCorrections: 2,
      translate: en,
      invalidInARow: 0,
      stepsDone: 0,
    });
    expect(step).toMatchObject({ kind: "correct", problem: "the reply is not a JSON object" });
  });
});

describe("over-budget warnings in the terminal", () => {
  const text = localised("agent.overBudgetStep", { step: 2, tokens: 900, budget: 800 });

  it("rendered in the person's language; the English message stays for logs", () => {
    const event = { type: "warning" as const, message: "the prompt of step 2 …", text };
    expect(renderEvent(event, false, es)).toBe(
      "! el prompt del paso 2 (~900 tokens) supera el presupuesto de 800 tokens incluso tras quitar el historial anterior: baja agent.observationTokens o sube model.contextSize",
    );
    expect(renderEvent(event, false, en)).toBe(
      "! the prompt of step 2 (~900 tokens) is over the prompt budget of 800 tokens even after dropping the earlier history: lower agent.observationTokens or raise model.contextSize",
    );
  });

  it("a warning without catalogue text (a provider's own) is shown as it is", () => {
    expect(renderEvent({ type: "warning", message: "provider said so" }, false, es)).toBe(
      "! provider said so",
    );
  });
});
