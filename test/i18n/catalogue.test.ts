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
