import { describe, expect, it } from "vitest";
import { type SearchContext, searchRecords } from "../../../src/testing/fake-odoo/domain.js";
import { PythonException } from "../../../src/testing/fake-odoo/errors.js";
import { Store } from "../../../src/testing/fake-odoo/store.js";

const store = new Store(17, true, "admin");

function ids(model: string, domain: unknown, context: SearchContext = {}): number[] {
  return searchRecords(store, store.model(model), domain, context)
    .map((record) => record.id)
    .sort((a, b) => a - b);
}

function failure(model: string, domain: unknown): PythonException {
  try {
    ids(model, domain);
  } catch (error) {
    if (error instanceof PythonException) return error;
    throw error;
  }
  throw new Error("expected the domain to be rejected");
}

describe("fake Odoo domains", () => {
  it("matches ilike case-insensitively anywhere in the value, and like case-sensitively", () => {
    expect(ids("res.partner", [["name", "ilike", "EMPRESA"]])).toEqual([1, 2, 3]);
    expect(ids("res.partner", [["name", "like", "empresa"]])).toEqual([]);
    expect(ids("res.partner", [["name", "like", "Andinas"]])).toEqual([5]);
    expect(ids("res.partner", [["name", "ilike", "pérez"]])).toEqual([9]);
  });

  it("treats % and _ as wildcards, and =like / =ilike as whole-value patterns", () => {
    expect(ids("res.partner", [["name", "=ilike", "empresa _"]])).toEqual([1, 2, 3]);
    expect(ids("res.partner", [["name", "=like", "Empresa"]])).toEqual([]);
    expect(ids("res.partner", [["email", "ilike", "%@acme.example"]])).toEqual([4, 11, 12]);
  });

  it("lets negative operators match empty values, and positive ones not", () => {
    const withoutPhone = ids("res.partner", [["phone", "=", false]]);
    expect(withoutPhone).toContain(10);
    expect(ids("res.partner", [["phone", "not ilike", "+52"]])).toContain(10);
    expect(ids("res.partner", [["phone", "ilike", "+52"]])).toEqual([3, 9]);
    expect(ids("res.partner", [["phone", "!=", false]])).not.toContain(10);
    expect(ids("res.partner", [["vat", "!=", "ESB12345678"]])).toContain(3);
    expect(ids("res.partner", [["vat", "!=", "ESB12345678"]])).not.toContain(1);
  });

  it("hides archived records unless active_test is false or the domain names active", () => {
    expect(ids("res.partner", [["name", "=", "Old Customer Ltd"]])).toEqual([]);
    expect(ids("res.partner", [["name", "=", "Old Customer Ltd"]], { active_test: false })).toEqual([18]);
    expect(ids("res.partner", [["active", "=", false]])).toEqual([18]);
    expect(ids("crm.lead", [["partner_id", "=", 6]])).toEqual([]);
    expect(ids("crm.lead", [["partner_id", "=", 6]], { active_test: false })).toEqual([10]);
  });

  it("applies & | ! in Polish notation with an implicit & between terms", () => {
    expect(ids("res.partner", ["|", ["name", "=", "Empresa X"], ["name", "=", "Empresa Y"]])).toEqual([1, 2]);
    expect(
      ids("res.partner", [
        ["is_company", "=", true],
        ["country_id.code", "=", "PE"],
      ]),
    ).toEqual([2, 5]);
    expect(
      ids("res.partner", [
        "&",
        ["is_company", "=", true],
        "!",
        ["country_id.code", "in", ["PE", "MX", "ES", "US"]],
      ]),
    ).toEqual([8]);
    expect(
      ids("crm.lead", ["|", ["stage_id", "=", 1], "&", ["stage_id", "=", 3], ["user_id", "=", 2]]),
    ).toEqual([3, 6, 7, 8, 11]);
  });

  it("follows dotted paths through many2one and one2many fields", () => {
    expect(ids("res.partner", [["parent_id.name", "=", "Empresa Z"]])).toEqual([9, 10]);
    expect(ids("crm.lead", [["partner_id.country_id.name", "=", "Peru"]])).toEqual([3, 9]);
    expect(ids("sale.order", [["order_line.product_id.default_code", "=", "IMPL-CRM"]])).toEqual([1, 4]);
  });

  it("compares many2one fields by id, by name, with in and with false", () => {
    expect(ids("crm.lead", [["stage_id", "=", 3]])).toEqual([1, 8, 12]);
    expect(ids("crm.lead", [["stage_id", "in", [1, 4]]])).toEqual([3, 4, 6, 7, 11]);
    expect(ids("crm.lead", [["stage_id", "ilike", "propos"]])).toEqual([1, 8, 12]);
    expect(ids("crm.lead", [["partner_id", "=", false]])).toEqual([6]);
    expect(ids("crm.lead", [["partner_id", "!=", false]])).not.toContain(6);
    expect(ids("crm.lead", [["user_id", "not in", [6, 7]]])).toEqual([6, 8]);
  });

  it("finds a company's records through its contacts with child_of", () => {
    expect(ids("crm.lead", [["partner_id", "child_of", 3]])).toEqual([1, 11]);
    expect(ids("sale.order", [["partner_id", "child_of", [3]]])).toEqual([1, 3, 5]);
    expect(ids("res.partner", [["id", "child_of", 4]])).toEqual([4, 11, 12]);
  });

  it("compares numbers, dates and datetimes with < <= > >=", () => {
    expect(ids("crm.lead", [["expected_revenue", ">=", 15000]])).toEqual([1, 4, 8, 11]);
    expect(
      ids("crm.lead", [
        ["date_deadline", "<", "2026-12-16"],
        ["date_deadline", ">", "2026-12-01"],
      ]),
    ).toEqual([1, 12]);
    expect(ids("crm.lead", [["create_date", ">=", "2026-11-01"]])).toEqual([3, 6, 7, 11]);
    expect(
      ids("crm.lead", [
        ["date_deadline", "<", "2030-01-01"],
        ["type", "=", "lead"],
      ]),
    ).toEqual([]);
  });

  it("skips a =? leaf whose value is empty", () => {
    expect(ids("crm.lead", [["user_id", "=?", false]])).toHaveLength(11);
    expect(ids("crm.lead", [["user_id", "=?", 6]])).toEqual([1, 3, 5]);
  });

  it("rejects unknown fields, operators and malformed domains with ValueError", () => {
    expect(failure("res.partner", [["foo", "=", 1]]).message).toBe(
      "Invalid field res.partner.foo in leaf ('foo', '=', 1)",
    );
    expect(failure("res.partner", [["parent_id.foo", "=", 1]]).kind).toBe("ValueError");
    expect(failure("res.partner", [["name", "contains", "x"]]).message).toBe(
      "Invalid leaf ['name', 'contains', 'x']",
    );
    expect(failure("res.partner", ["|", ["name", "=", "x"]]).message).toContain(
      "is syntactically not correct",
    );
    expect(failure("res.partner", "[('name', '=', 'x')]").kind).toBe("ValueError");
  });
});
