/** The system prompt follows the user's language; the protocol's JSON keys stay Spanish in both. */
import { describe, expect, it } from "vitest";
import { createTranslator } from "../../src/i18n/translator.js";
import { buildSystemPrompt } from "../../src/prompt/system-prompt.js";

const passage = { source: "/d/tarifas.txt", position: 0, text: "Consultoría: 60 euros la hora." };

describe("the system prompt's language", () => {
  it("English: English instructions, Spanish protocol keys", () => {
    const prompt = buildSystemPrompt([], [passage], "json", createTranslator("en"));
    expect(prompt.split("\n")).toEqual([
      "You are an assistant that can use tools. Always reply with a single JSON object, with no text outside it.",
      'To use a tool: {"herramienta_llamada": "<name>", "parametros": {...}}',
      'To answer the user: {"respuesta": "<text>"}',
      "Use a tool only if you need it. Once you have its result, answer the user.",
      "No tools are available: answer directly.",
      "Retrieved context (use it if it helps and cite the source):",
      "[1] (source: /d/tarifas.txt #0) Consultoría: 60 euros la hora.",
    ]);
  });

  it("Spanish by default, as the seed", () => {
    const prompt = buildSystemPrompt([], [passage], "json");
    expect(prompt).toContain(
      'Para usar una herramienta: {"herramienta_llamada": "<nombre>", "parametros": {...}}',
    );
    expect(prompt).toContain("[1] (fuente: /d/tarifas.txt #0) Consultoría: 60 euros la hora.");
  });
});
