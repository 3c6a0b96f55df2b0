import { describe, expect, it } from "vitest";
import { catalogue, TABLES } from "../../src/i18n/catalogue.js";
import { languageOf, resolveLanguage } from "../../src/i18n/language.js";
import { createTranslator, placeholdersOf } from "../../src/i18n/translator.js";

describe("the message catalogue", () => {
  it("has every message in both languages, non-empty, with the same parameters", () => {
    const problems: string[] = [];
    for (const [key, message] of Object.entries(catalogue)) {
      if (message.en.trim() === "") problems.push(`${key}: no English`);
      if (message.es.trim() === "") problems.push(`${key}: no Spanish`);
      const en = placeholdersOf(message.en).join(",");
      const es = placeholdersOf(message.es).join(",");
      if (en !== es) problems.push(`${key}: parameters differ (en: ${en}; es: ${es})`);
    }
    expect(problems).toEqual([]);
  });

  it("keeps each area's keys under its own prefix, so tables never collide", () => {
    const misplaced = Object.entries(TABLES).flatMap(([area, table]) =>
      Object.keys(table).filter((key) => !key.startsWith(`${area}.`)),
    );
    expect(misplaced).toEqual([]);
  });

  it("fills parameters in the chosen language", () => {
    expect(createTranslator("es")("common.error", { message: "x" })).toBe("error: x");
    expect(createTranslator("en")("common.causedBy", { cause: "boom" })).toBe("caused by: boom");
    expect(createTranslator("es")("common.causedBy", { cause: "boom" })).toBe("causado por: boom");
  });
});

describe("plurals through the catalogue", () => {
  it("says 1 tool, 2 tools (1 herramienta, 2 herramientas)", () => {
    const english = createTranslator("en");
    const spanish = createTranslator("es");
    expect(english("cli.chat.serverUp", { name: "memory", tools: 1 })).toBe("· server memory ready: 1 tool");
    expect(english("cli.chat.serverUp", { name: "memory", tools: 2 })).toBe("· server memory ready: 2 tools");
    expect(english("cliOutput.doctor.serverUp", { transport: "stdio", tools: 0 })).toBe(
      "up (stdio), 0 tools",
    );
    expect(spanish("cliOutput.servers.tools", { count: 1 })).toBe("1 herramienta");
    expect(spanish("cliOutput.servers.tools", { count: 6 })).toBe("6 herramientas");
  });

  it("no terminal message counts tools with a fixed plural", () => {
    const fixed = Object.entries(catalogue)
      // The page renders its own strings in the browser (page.*).
      .filter(([key]) => !key.startsWith("page."))
      .filter(([, message]) => /\{\w+\} (tools|herramientas)\b/.test(`${message.en} ${message.es}`))
      .map(([key]) => key);
    expect(fixed).toEqual([]);
  });
});

describe("choosing the language", () => {
  it("takes --lang, then AGENTE_LANG, then LC_ALL, LC_MESSAGES and LANG", () => {
    const env = { AGENTE_LANG: "en", LC_ALL: "es_ES.UTF-8", LANG: "es_ES.UTF-8" };
    expect(resolveLanguage({ flag: "es", env })).toBe("es");
    expect(resolveLanguage({ env })).toBe("en");
    expect(resolveLanguage({ env: { LC_ALL: "es_ES.UTF-8", LANG: "en_US.UTF-8" } })).toBe("es");
    expect(resolveLanguage({ env: { LC_MESSAGES: "en_GB", LANG: "es_MX.UTF-8" } })).toBe("en");
    expect(resolveLanguage({ env: { LANG: "es_ES.UTF-8" } })).toBe("es");
    expect(resolveLanguage({ env: { LC_ALL: "", LANG: "es_AR" } })).toBe("es");
    expect(resolveLanguage({ env: {} })).toBe("en");
  });

  it("reads es* as Spanish and anything else as English", () => {
    expect(languageOf("ES")).toBe("es");
    expect(languageOf("es-419")).toBe("es");
    expect(languageOf("C")).toBe("en");
    expect(languageOf("POSIX")).toBe("en");
    expect(languageOf("eu_ES")).toBe("en");
    expect(languageOf(undefined)).toBe("en");
  });
});
