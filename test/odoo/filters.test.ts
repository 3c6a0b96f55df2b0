import { describe, expect, it } from "vitest";
import type { FieldMap } from "../../src/odoo/field-policy.js";
import { buildDomain, type Filter } from "../../src/odoo/filters.js";
import { OdooError } from "../../src/odoo/odoo-error.js";

const FIELDS: Record<string, FieldMap> = {
  "crm.lead": {
    name: { type: "char" },
    type: {
      type: "selection",
      selection: [
        ["lead", "Lead"],
        ["opportunity", "Opportunity"],
      ],
    },
    expected_revenue: { type: "monetary" },
    active: { type: "boolean" },
    create_date: { type: "datetime" },
    date_deadline: { type: "date" },
    partner_id: { type: "many2one", relation: "res.partner" },
    tag_ids: { type: "many2many", relation: "crm.tag" },
  },
  "res.partner": { name: { type: "char" }, city: { type: "char" } },
};

async function fieldsOf(model: string): Promise<FieldMap> {
  const fields = FIELDS[model];
  if (fields === undefined) throw new OdooError("not-allowed", `Model ${model} is not allowed.`);
  return fields;
}

const build = (filters: Filter[]) => buildDomain("crm.lead", filters, fieldsOf);

describe("buildDomain", () => {
  it("turns triples and objects into an AND domain with normalised values", async () => {
    expect(
      await build([
        ["name", "contains", "erp"],
        { campo: "partner_id.city", operador: "=", valor: "Madrid" },
        ["expected_revenue", ">=", "1000"],
        ["create_date", ">=", "2026-01-01"],
        ["type", "in", ["lead", "opportunity"]],
        ["partner_id", "=", null],
        ["active", "=", true],
      ]),
    ).toEqual([
      ["name", "ilike", "erp"],
      ["partner_id.city", "=", "Madrid"],
      ["expected_revenue", ">=", 1000],
      ["create_date", ">=", "2026-01-01 00:00:00"],
      ["type", "in", ["lead", "opportunity"]],
      ["partner_id", "=", false],
      ["active", "=", true],
    ]);
  });

  it("an empty filter list is an empty domain (all records), on purpose only", async () => {
    expect(await build([])).toEqual([]);
  });

  it.each<[Filter[], string, RegExp]>([
    [[["nme", "=", "x"]], "unknown-field", /Field "nme" does not exist on crm.lead/],
    [[["name", "=~", "x"]], "bad-filter", /Operator "=~" is not supported/],
    [[["expected_revenue", "ilike", "1"]], "bad-filter", /only works on text/],
    [[["expected_revenue", "=", "lots"]], "bad-filter", /is a number/],
    [[["type", "=", "deal"]], "bad-filter", /cannot be "deal"/],
    [[["active", "=", "yes"]], "bad-filter", /true\/false/],
    [[["date_deadline", ">", "next week"]], "bad-filter", /is a date/],
    [[["name", "=", ["a", "b"]]], "bad-filter", /takes one value/],
    [[["name.first", "=", "x"]], "bad-filter", /not a relation/],
    [[["partner_id.name.first", "=", "x"]], "bad-filter", /not a field name/],
    [[["tag_ids.name", "=", "x"]], "bad-filter", /not in the allowlist/],
    [[["partner_id.password", "=", "x"]], "not-allowed", /protected/],
    [
      [
        ["name", "=", "x; DROP"],
        ["(", ")", "x"],
      ],
      "bad-filter",
      /Operator "\)"/,
    ],
    [Array.from({ length: 11 }, () => ["name", "=", "x"] as Filter), "bad-filter", /Too many filters/],
  ])("refuses %j", async (filters, kind, message) => {
    const error = await build(filters).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OdooError);
    expect((error as OdooError).kind).toBe(kind);
    expect(`${(error as OdooError).message} ${(error as OdooError).hint ?? ""}`).toMatch(message);
  });

  // Issue 13, lesser defect: names of Object.prototype's members passed validation (`in` reads the prototype).
  for (const name of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
    it(`refuses the field name ${name} as unknown`, async () => {
      await expect(build([[name, "=", "x"]])).rejects.toThrow(
        /does not exist on crm\.lead|is not a field name/,
      );
    });
  }
});
