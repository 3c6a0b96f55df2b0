import { describe, expect, it } from "vitest";
import { closeJsonPrefix } from "../../src/llm/json-prefix.js";

describe("closeJsonPrefix", () => {
  it("closes an answer cut inside its string", () => {
    expect(closeJsonPrefix('{"respuesta": "La empresa X tiene')).toBe('{"respuesta": "La empresa X tiene"}');
  });

  it("closes nested arguments and drops a dangling escape", () => {
    expect(closeJsonPrefix('{"herramienta_llamada":"t","parametros":{"q":"abc\\u00')).toBe(
      '{"herramienta_llamada":"t","parametros":{"q":"abc"}}',
    );
    expect(closeJsonPrefix('{"a":["x","y\\')).toBe('{"a":["x","y"]}');
  });

  it("gives up when the cut leaves no value", () => {
    expect(closeJsonPrefix('{"respuesta":')).toBeUndefined();
    expect(closeJsonPrefix('{"respu')).toBeUndefined();
  });
});
