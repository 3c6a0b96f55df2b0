/** Errors with catalogue text: English in `message`, the user's language on screen, secrets cleaned in both. */
import { describe, expect, it } from "vitest";
import { formatError } from "../../src/cli/print-error.js";
import { turnFailureLine } from "../../src/cli/turn-failure.js";
import { localised } from "../../src/i18n/localised.js";
import { createTranslator } from "../../src/i18n/translator.js";
import { SystemError, UserError } from "../../src/util/errors.js";
import { Redactor } from "../../src/util/secret-redaction.js";

const spanish = createTranslator("es");

describe("errors with catalogue text", () => {
  it("keep the English rendering in message and hint, and print in the chosen language", () => {
    const error = new UserError(localised("errorsMemory.missingPath", { path: "a.txt" }), {
      hint: localised("errorsMemory.missingPathHint"),
    });
    expect(error.message).toBe("a.txt does not exist");
    expect(error.hint).toBe("check the path");
    expect(formatError(error, false, spanish)).toBe("error: a.txt no existe\n  revisa la ruta");
    expect(formatError(error, false)).toBe("error: a.txt does not exist\n  check the path");
    expect(turnFailureLine(error, spanish)).toBe("! a.txt no existe — revisa la ruta");
  });

  it("render nested catalogue text in the same language", () => {
    const error = new SystemError(
      localised("errorsHub.unavailable", {
        server: "odoo",
        reason: localised("errorsHub.reason.startTimeout", { ms: 500 }),
      }),
    );
    expect(error.message).toBe('server "odoo" is unavailable: did not start within 500 ms');
    expect(formatError(error, false, spanish)).toBe(
      'error: el servidor "odoo" no está disponible: no arrancó en 500 ms',
    );
  });

  it("plain-text errors print as they are, with the stack only under --debug", () => {
    const error = new UserError("plain words", { hint: "do this" });
    expect(formatError(error, false, spanish)).toBe("error: plain words\n  do this");
    expect(formatError(error, true, spanish)).toContain("UserError: plain words\n    at ");
    expect(formatError(new Error("boom"), false, spanish)).toBe(
      "error: boom\n  esto parece un fallo de agente: vuelve a ejecutarlo con --debug e informa de la salida",
    );
  });

  it("the redactor cleans the catalogue parameters too, so no language shows a secret", () => {
    const error = new SystemError(
      localised("errorsModel.unreachable", {
        message: localised("errorsModel.ollama.unreachable", { location: "http://gpu-box:11434" }),
        detail: "token s3cr3t-value refused",
      }),
      { hint: localised("errorsModel.ollama.notPulledHint", { detail: "key s3cr3t-value" }) },
    );
    new Redactor(["s3cr3t-value"]).error(error);
    const printed = [
      formatError(error, false, spanish),
      formatError(error, false),
      error.message,
      error.hint,
    ];
    for (const text of printed) expect(text).not.toContain("s3cr3t-value");
    expect(formatError(error, false, spanish)).toContain(
      "Ollama no responde en http://gpu-box:11434 (token ",
    );
  });
});
