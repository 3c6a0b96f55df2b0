import { describe, expect, it } from "vitest";
import { fieldMapSchema, namePairsSchema, odooAnswer, recordsSchema } from "../../src/odoo/answers.js";
import { OdooError } from "../../src/odoo/odoo-error.js";
import { parseReply } from "../../src/util/parse-reply.js";

/** Odoo's answers go through the one reply parser, with the Odoo client's own error. */
const parseAnswer = <Schema extends Parameters<typeof parseReply>[0]>(
  schema: Schema,
  answer: unknown,
  call: { model: string; method: string },
) => parseReply(schema, answer, odooAnswer(call));

describe("parseReply on Odoo's answers", () => {
  it("keeps fields a newer Odoo adds", () => {
    const rows = parseAnswer(recordsSchema, [{ id: 7, name: "Acme", x_new: true }], {
      model: "res.partner",
      method: "search_read",
    });
    expect(rows).toEqual([{ id: 7, name: "Acme", x_new: true }]);
  });

  it("reads integer selection keys as strings", () => {
    const fields = parseAnswer(
      fieldMapSchema,
      { priority: { type: "selection", selection: [[1, "High"]] } },
      { model: "crm.lead", method: "fields_get" },
    );
    expect(fields.priority?.selection).toEqual([["1", "High"]]);
  });

  it("names the call and the first wrong value in one protocol error", () => {
    const call = () =>
      parseAnswer(recordsSchema, [{ id: 1 }, { name: "no id" }], {
        model: "res.partner",
        method: "search_read",
      });
    let caught: unknown;
    try {
      call();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(OdooError);
    expect(caught).toMatchObject({
      kind: "protocol",
      message:
        "Odoo answered res.partner.search_read with an unexpected shape at 1.id: expected number, received undefined.",
    });
  });

  it("reports a name_search answer that is not a list of pairs", () => {
    expect(() =>
      parseAnswer(namePairsSchema, { 3: "Acme" }, { model: "res.partner", method: "name_search" }),
    ).toThrow(
      "Odoo answered res.partner.name_search with an unexpected shape: expected array, received object.",
    );
  });
});
