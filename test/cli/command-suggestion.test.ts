/** Words that name no command: the command meant, or `agente ask` for a question; an unknown --lang refused. */
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/cli/command-manifest.js";
import { commandMistake, unknownLanguage } from "../../src/cli/command-suggestion.js";
import { formatError } from "../../src/cli/print-error.js";
import { createTranslator } from "../../src/i18n/translator.js";

const names = COMMANDS.map((entry) => entry.name);

const english = createTranslator("en");
const spanish = createTranslator("es");

describe("commandMistake", () => {
  it("no words: nothing to say (the chat starts)", () => {
    expect(commandMistake([], names)).toBeUndefined();
  });

  it("`server` → `agente servers`", () => {
    expect(formatError(commandMistake(["server"], names), false, english)).toBe(
      "error: there is no command 'server': did you mean `agente servers`?\n  `agente --help` lists the commands",
    );
  });

  it("`tool list` → `agente tools list`, in Spanish too", () => {
    expect(formatError(commandMistake(["tool", "list"], names), false, spanish)).toBe(
      "error: no existe la orden 'tool': ¿querías decir `agente tools list`?\n  `agente --help` enumera las órdenes",
    );
  });

  it("a question typed after `agente` → `agente ask`", () => {
    expect(formatError(commandMistake(["¿qué documentos tengo?"], names), false, english)).toBe(
      "error: '¿qué documentos tengo?' is not a command: to ask the agent a question, run `agente ask \"¿qué documentos tengo?\"` (or `agente` to chat)\n  `agente --help` lists the commands",
    );
  });

  it("a word no command resembles is taken as a question", () => {
    expect(commandMistake(["hola"], names)?.message).toBe(
      "'hola' is not a command: to ask the agent a question, run `agente ask \"hola\"` (or `agente` to chat)",
    );
  });

  it("is a usage error (exit 2)", () => {
    expect(commandMistake(["server"], names)?.name).toBe("UsageError");
  });
});

describe("unknownLanguage", () => {
  it("refuses fr naming es and en", () => {
    expect(formatError(unknownLanguage("fr"), false, english)).toBe(
      "error: --lang fr: agente speaks es, en (Spanish, English)",
    );
    expect(unknownLanguage("fr")?.name).toBe("UsageError");
  });

  it("accepts es, en and locale spellings of them", () => {
    for (const value of ["es", "en", "EN", "es_ES.UTF-8", "en-US", undefined])
      expect(unknownLanguage(value)).toBeUndefined();
  });
});
