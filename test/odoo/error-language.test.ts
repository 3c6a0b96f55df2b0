/**
 * The Odoo layer's errors carry catalogue text: the English rendering stays in `message` (logs, the
 * model), and the person reads them in their language. Tool failures carry that text in `_meta`.
 */
import { describe, expect, it } from "vitest";
import { renderLocalised } from "../../src/i18n/localised.js";
import { createTranslator } from "../../src/i18n/translator.js";
import { readOdooConfig } from "../../src/odoo/config.js";
import { detectServer } from "../../src/odoo/connect.js";
import { buildDomain } from "../../src/odoo/filters.js";
import { HttpClient } from "../../src/odoo/http.js";
import { OdooError } from "../../src/odoo/odoo-error.js";
import { errorFromFault, errorFromStatus } from "../../src/odoo/odoo-faults.js";
import { failure } from "../../src/servers/odoo/tools/tool-kit.js";
import { UserError } from "../../src/util/errors.js";
import { personTextOf } from "../../src/util/person-text.js";
import { Redactor } from "../../src/util/secret-redaction.js";

const es = createTranslator("es");

function inSpanish(error: unknown): string {
  expect(error).toBeInstanceOf(Error);
  const text = (error as OdooError).text;
  const hint = (error as OdooError).hintText;
  expect(text).toBeDefined();
  if (text === undefined) return "";
  return hint === undefined
    ? renderLocalised(text, es)
    : `${renderLocalised(text, es)} ${renderLocalised(hint, es)}`;
}

describe("Odoo errors in Spanish", () => {
  it("an unknown database, from a fault string", () => {
    const error = errorFromFault(1, 'psycopg2.OperationalError: database "ventas" does not exist', {});
    expect(error.message).toBe('Database "ventas" does not exist on this Odoo server.');
    expect(inSpanish(error)).toBe(
      'La base de datos "ventas" no existe en este servidor Odoo. Comprueba ODOO_DB.',
    );
  });

  it("refused credentials (fault 3) and a proxy's 503", () => {
    expect(inSpanish(errorFromFault(3, "Access Denied!", {}))).toBe(
      "Odoo rechazó las credenciales (acceso denegado). Comprueba ODOO_USER y ODOO_API_KEY (u ODOO_PASSWORD) y ODOO_DB.",
    );
    expect(inSpanish(errorFromStatus(503, {}))).toBe(
      "Odoo no está disponible por el momento (HTTP 503). Espera un momento y vuelve a intentarlo; comprueba el servidor de Odoo y su proxy.",
    );
  });

  it("a server error on no known call names the request in Spanish", () => {
    const error = errorFromStatus(500, {});
    expect(error.message).toBe("Odoo failed on the request: HTTP 500");
    expect(renderLocalised(error.text ?? { key: "errors.plain" }, es)).toBe(
      "Odoo falló en la petición: HTTP 500",
    );
  });

  it("unreachable Odoo", async () => {
    const fetch = async () => {
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error("refused"), { code: "ECONNREFUSED" }),
      });
    };
    const error = await detectServer(
      new HttpClient({ fetch, timeoutMs: 3000 }),
      "http://erp.example:8069",
    ).catch((caught: unknown) => caught);
    expect((error as OdooError).message).toBe(
      "Odoo at http://erp.example:8069 is unreachable (ECONNREFUSED).",
    );
    expect(inSpanish(error)).toBe(
      "No se puede contactar con Odoo en http://erp.example:8069 (ECONNREFUSED). Comprueba ODOO_URL y que el servidor de Odoo está en marcha.",
    );
  });

  it("a URL that does not look like Odoo", async () => {
    const fetch = async () => new Response("<html>nginx</html>", { status: 501 });
    const error = await detectServer(
      new HttpClient({ fetch, timeoutMs: 3000 }),
      "http://files.example:8000",
    ).catch((caught: unknown) => caught);
    expect(inSpanish(error)).toMatch(
      /^http:\/\/files\.example:8000 no parece Odoo: .* Comprueba ODOO_URL: debe ser la raíz de un servidor Odoo/,
    );
  });

  it("a missing ODOO_URL", () => {
    let caught: unknown;
    try {
      readOdooConfig({});
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UserError);
    expect(inSpanish(caught)).toBe(
      "ODOO_URL no está definida. Pon en ODOO_URL la dirección de tu Odoo, p. ej. http://localhost:8069.",
    );
  });
});

describe("filter errors in Spanish, English for the model", () => {
  const fieldsOf = async () => ({ name: { type: "char", string: "Name" } });

  it("an unknown operator", async () => {
    const error = await buildDomain("res.partner", [["name", "parece", "x"]], fieldsOf).catch(
      (caught: unknown) => caught,
    );
    expect((error as OdooError).message).toBe('Operator "parece" is not supported.');
    expect(inSpanish(error)).toMatch(/^El operador "parece" no está soportado\. Usa uno de: =, /);
  });

  it("an unknown field, with a suggestion", async () => {
    const error = await buildDomain("res.partner", [["nam", "=", "x"]], fieldsOf).catch(
      (caught: unknown) => caught,
    );
    expect(inSpanish(error)).toBe(
      'El campo "nam" no existe en res.partner en esta versión de Odoo. ¿Querías decir: name?',
    );
  });
});

describe("a tool failure", () => {
  const error = new OdooError(
    "credentials",
    { key: "errorsOdoo.loginRefused", params: { login: "ana", database: "s3cret-db" } },
    {
      hint: { key: "errorsOdoo.credentialsHint" },
    },
  );
  const redactor = new Redactor(["s3cret-db"]);

  it("reads English for the model and carries Spanish for the person, secrets hidden in both", () => {
    const result = failure(error, redactor, es);
    expect(result.isError).toBe(true);
    expect(result.content).toEqual([
      {
        type: "text",
        text: 'Odoo refused the login "ana" on database "[redacted]". Check ODOO_USER and ODOO_API_KEY (or ODOO_PASSWORD) and ODOO_DB.',
      },
    ]);
    expect(personTextOf(result)).toBe(
      'Odoo rechazó el usuario "ana" en la base de datos "[redacted]". Comprueba ODOO_USER y ODOO_API_KEY (u ODOO_PASSWORD) y ODOO_DB.',
    );
  });

  it("without a translator carries no person text; an unexpected failure is localised too", () => {
    expect(personTextOf(failure(error, redactor))).toBeUndefined();
    expect(personTextOf(failure(new Error("boom\nstack"), redactor, es))).toBe(
      "Fallo inesperado en el servidor Odoo: boom",
    );
  });

  it("personTextOf ignores a _meta of the wrong shape", () => {
    expect(personTextOf({ _meta: { "agente/personText": 42 } })).toBeUndefined();
    expect(personTextOf({ _meta: "x" })).toBeUndefined();
  });
});
