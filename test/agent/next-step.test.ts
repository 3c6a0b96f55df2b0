import { describe, expect, it } from "vitest";
import { resolveInvalid, resolveStep, type StepContext } from "../../src/agent/next-step.js";
import { hasTooManyCorrections, isStepCount } from "../../src/agent/stop-conditions.js";
import type { ChatResponse } from "../../src/llm/chat-model.js";

function response(text: string, extra: Partial<ChatResponse> = {}): ChatResponse {
  return { text, toolCalls: [], stopReason: "stop", warnings: [], ...extra };
}

const json: StepContext = { toolMode: "json", maxCorrections: 2, stepsDone: 0, invalidInARow: 0 };

describe("resolveStep", () => {
  it("turns an answer into the answer step", () => {
    expect(resolveStep(response('{"respuesta": "Tiene 100 empleados."}'), json)).toEqual({
      kind: "answer",
      action: { kind: "answer", text: "Tiene 100 empleados." },
    });
  });

  it("turns a tool call into a tool step with its arguments", () => {
    expect(
      resolveStep(
        response('{"herramienta_llamada": "consultar_empresa", "parametros": {"nombre": "Empresa X"}}'),
        json,
      ),
    ).toEqual({
      kind: "run_tool",
      action: { kind: "tool", tool: "consultar_empresa", args: { nombre: "Empresa X" } },
    });
  });

  it("reads native tool calls in native mode", () => {
    const native = { ...json, toolMode: "native" as const };
    expect(
      resolveStep(
        response("", { toolCalls: [{ name: "consultar_empresa", arguments: { nombre: "Empresa Y" } }] }),
        native,
      ),
    ).toEqual({
      kind: "run_tool",
      action: { kind: "tool", tool: "consultar_empresa", args: { nombre: "Empresa Y" } },
    });
    expect(resolveStep(response("Hola."), native)).toEqual({
      kind: "answer",
      action: { kind: "answer", text: "Hola." },
    });
  });

  it("asks for a correction on unreadable output, counting the corrections left", () => {
    expect(resolveStep(response("no es JSON"), json)).toEqual({
      kind: "correct",
      problem: "la respuesta no es un objeto JSON",
      correctionsLeft: 2,
    });
    expect(resolveStep(response("no es JSON"), { ...json, invalidInARow: 1 })).toEqual({
      kind: "correct",
      problem: "la respuesta no es un objeto JSON",
      correctionsLeft: 1,
    });
  });

  it("says the output was cut when the model hit its token limit", () => {
    expect(resolveStep(response('{"respuesta": "Tiene 100 }', { stopReason: "length" }), json)).toEqual({
      kind: "correct",
      problem: "el JSON está mal formado (se cortó al llegar al límite de tokens: sé más breve)",
      correctionsLeft: 2,
    });
  });

  it("stops once the invalid steps in a row exceed the corrections allowed", () => {
    expect(resolveStep(response("{"), { ...json, invalidInARow: 2 })).toEqual({
      kind: "stop",
      reason: "invalid_output",
      problem: "la respuesta no es un objeto JSON",
      answer:
        "No pude completar la respuesta: el modelo dio 3 respuestas no válidas seguidas (la última: la respuesta no es un objeto JSON).",
    });
  });

  it("stops at the first invalid step when no correction is allowed", () => {
    expect(resolveInvalid("herramienta desconocida: x", { ...json, maxCorrections: 0 })).toMatchObject({
      kind: "stop",
      answer:
        "No pude completar la respuesta: el modelo dio 1 respuestas no válidas seguidas (la última: herramienta desconocida: x).",
    });
  });
});

describe("stop conditions", () => {
  it("isStepCount stops once that many tool steps ran", () => {
    expect(isStepCount(2)({ stepsDone: 1, invalidInARow: 0 })).toBe(false);
    expect(isStepCount(2)({ stepsDone: 2, invalidInARow: 0 })).toBe(true);
  });

  it("hasTooManyCorrections stops past the corrections allowed", () => {
    expect(hasTooManyCorrections(2)({ stepsDone: 0, invalidInARow: 2 })).toBe(false);
    expect(hasTooManyCorrections(2)({ stepsDone: 0, invalidInARow: 3 })).toBe(true);
  });
});
