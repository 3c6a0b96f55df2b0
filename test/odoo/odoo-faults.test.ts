import { describe, expect, it } from "vitest";
import {
  errorFromFault,
  errorFromJson2,
  errorFromStatus,
  lastMeaningfulLine,
} from "../../src/odoo/odoo-faults.js";

const TRACEBACK = (tail: string) =>
  `Traceback (most recent call last):\n  File "/odoo/http.py", line 2213, in _serve_db\n    return x()\n${tail}\n`;

describe("XML-RPC faults", () => {
  it.each([
    [
      1,
      TRACEBACK("ValueError: Invalid field 'mobile' on model 'res.partner'"),
      "unknown-field",
      /Field "mobile" does not exist on res.partner/,
    ],
    [
      1,
      TRACEBACK("ValueError: Invalid field res.partner.mobile in leaf ('mobile', '!=', False)"),
      "unknown-field",
      /Field "mobile" does not exist on res.partner/,
    ],
    [2, "Object hr.employee doesn't exist", "unknown-model", /Model hr.employee does not exist/],
    [3, "Access Denied", "credentials", /refused the credentials/],
    [
      4,
      "You are not allowed to create 'Lead/Opportunity' (crm.lead) records.",
      "access-denied",
      /may not do crm.lead.create: You are not allowed/,
    ],
    [
      2,
      "The operation cannot be completed:\n- Create/update: a mandatory field is not set.\n\nModel: Lead (crm.lead)\nField: Opportunity (name)\n",
      "validation",
      /refused the request: The operation cannot be completed: - Create\/update: a mandatory field is not set\. Model: Lead/,
    ],
    [
      2,
      "Record does not exist or has been deleted.\n(Record: crm.lead(99,), User: 2)",
      "not-found",
      /could not find it: Record does not exist/,
    ],
    [
      1,
      TRACEBACK(
        'psycopg2.OperationalError: connection to server failed: FATAL:  database "nope" does not exist',
      ),
      "not-found",
      /Database "nope" does not exist.*ODOO_DB/,
    ],
    [
      1,
      TRACEBACK("ZeroDivisionError: division by zero"),
      "server-error",
      /Odoo failed on crm.lead.create: division by zero/,
    ],
  ])("code %i %#", (code, faultString, kind, message) => {
    const error = errorFromFault(code, faultString, { model: "crm.lead", method: "create" });
    expect(error.kind).toBe(kind);
    expect(`${error.message} ${error.hint ?? ""}`).toMatch(message);
    expect(error.message).not.toContain("\n");
    expect(error.message).not.toContain("Traceback");
  });
});

describe("JSON-2 errors (status + {name, message})", () => {
  const context = { model: "res.partner", method: "search_read" };
  it.each([
    [401, { name: "werkzeug.exceptions.Unauthorized", message: "Invalid apikey" }, "credentials"],
    [
      403,
      { name: "odoo.exceptions.AccessError", message: "You are not allowed to access 'Contact'" },
      "access-denied",
    ],
    [
      404,
      { name: "werkzeug.exceptions.NotFound", message: "the model 'hr.employee' does not exist" },
      "unknown-model",
    ],
    [
      404,
      { name: "odoo.exceptions.MissingError", message: "Record does not exist or has been deleted." },
      "not-found",
    ],
    [422, { name: "odoo.exceptions.ValidationError", message: "Invalid email" }, "validation"],
    [
      422,
      {
        name: "werkzeug.exceptions.UnprocessableEntity",
        message: "got an unexpected keyword argument 'foo'",
      },
      "validation",
    ],
    [
      500,
      { name: "builtins.ValueError", message: "Invalid field 'mobile' on model 'res.partner'" },
      "unknown-field",
    ],
    [500, { name: "builtins.KeyError", message: "'boom'" }, "server-error"],
  ])("HTTP %i %#", (status, body, kind) => {
    const error = errorFromJson2(
      status,
      { ...body, debug: "Traceback (most recent call last): secret stuff" },
      context,
    );
    expect(error.kind).toBe(kind);
    expect(error.message).not.toContain("Traceback");
  });
});

describe("bare statuses", () => {
  it("treats 502/503/504 as retryable and the rest as not", () => {
    for (const status of [502, 503, 504]) expect(errorFromStatus(status, {}).retryable).toBe(true);
    for (const status of [400, 401, 403, 404, 500]) expect(errorFromStatus(status, {}).retryable).toBe(false);
    expect(errorFromStatus(404, {}).hint).toMatch(/ODOO_URL/);
  });
});

describe("lastMeaningfulLine", () => {
  it("keeps the last line of a traceback without its exception class, and cuts long text", () => {
    expect(lastMeaningfulLine(TRACEBACK("odoo.exceptions.UserError: Bad thing"))).toBe("Bad thing");
    expect(lastMeaningfulLine("x".repeat(500)).length).toBe(200);
    expect(lastMeaningfulLine("first\nsecond")).toBe("first second");
  });
});
