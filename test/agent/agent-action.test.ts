import { describe, expect, it } from "vitest";
import { parseJsonAction, parseNativeAction } from "../../src/agent/agent-action.js";

describe("parseJsonAction", () => {
  it("reads a tool call and an answer", () => {
    expect(
      parseJsonAction('{"herramienta_llamada":"consultar_empresa","parametros":{"nombre":"X"}}'),
    ).toEqual({
      ok: true,
      action: { kind: "tool", tool: "consultar_empresa", args: { nombre: "X" } },
    });
    expect(parseJsonAction('{"respuesta":"hola"}')).toEqual({
      ok: true,
      action: { kind: "answer", text: "hola" },
    });
  });

  it("tolerates a code fence around the object (seen from the 1B model in the seed)", () => {
    expect(parseJsonAction('```json\n{"respuesta": "hola"}\n```')).toEqual({
      ok: true,
      action: { kind: "answer", text: "hola" },
    });
  });

  it("prefers the tool call when the model also invented an answer in the same object (seed bug)", () => {
    const parsed = parseJsonAction(
      '{"herramienta_llamada":"consultar_empresa","parametros":{"nombre":"Empresa X"},"respuesta": "100."}',
    );
    expect(parsed).toMatchObject({ ok: true, action: { kind: "tool" } });
  });

  it("reports prose, bad shapes and empty answers as problems, never throws", () => {
    for (const text of [
      "Lo siento, no puedo",
      "[1,2]",
      '{"respuesta": 3}',
      '{"respuesta": "  "}',
      '{"foo": 1}',
      '{"herramienta_llamada": "x", "parametros": []}',
      "{",
      "",
    ]) {
      expect(parseJsonAction(text).ok).toBe(false);
    }
  });
});

describe("parseNativeAction", () => {
  it("takes the first native tool call, or the text as the answer", () => {
    expect(
      parseNativeAction({
        text: "",
        toolCalls: [{ id: "c1", name: "t", arguments: { a: 1 } }],
        stopReason: "tool_calls",
        warnings: [],
      }),
    ).toEqual({
      ok: true,
      action: { kind: "tool", tool: "t", args: { a: 1 }, callId: "c1" },
    });
    expect(parseNativeAction({ text: "Hola", toolCalls: [], stopReason: "stop", warnings: [] })).toEqual({
      ok: true,
      action: { kind: "answer", text: "Hola" },
    });
    expect(
      parseNativeAction({
        text: "",
        toolCalls: [{ name: "t", arguments: "{not json" }],
        stopReason: "stop",
        warnings: [],
      }).ok,
    ).toBe(false);
  });
});
