import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeOdoo, startFakeOdoo } from "../../../src/testing/fake-odoo/index.js";
import { json2 } from "./wire-helpers.js";

interface ErrorBody {
  name: string;
  message: string;
  arguments: unknown[];
  context: unknown;
  debug: string;
}

describe("fake Odoo over JSON-2 (version 19)", () => {
  let odoo: FakeOdoo;
  const call = (model: string, method: string, body: Record<string, unknown>) =>
    json2(odoo.url, model, method, body, { apiKey: odoo.apiKey, database: odoo.database });

  beforeEach(async () => {
    odoo = await startFakeOdoo({ version: 19 });
  });
  afterEach(async () => {
    await odoo.close();
  });

  it("answers search_read with named arguments, as the documentation's example", async () => {
    const { status, headers, body } = await call("res.partner", "search_read", {
      context: { lang: "en_US" },
      domain: [
        ["name", "ilike", "%acme%"],
        ["is_company", "=", true],
      ],
      fields: ["name"],
    });
    expect(status).toBe(200);
    expect(headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(body).toEqual([{ id: 4, name: "Acme Corp" }]);
  });

  it("accepts the bearer scheme in any case and works without X-Odoo-Database", async () => {
    const answer = await json2(
      odoo.url,
      "res.partner",
      "search_count",
      { domain: [["is_company", "=", true]] },
      {
        authorization: `BEARER ${odoo.apiKey}`,
      },
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toBe(8);
  });

  it("answers 401 with Odoo's error body for a missing or wrong key", async () => {
    const missing = await json2(odoo.url, "res.partner", "search", { domain: [] }, {});
    expect(missing.status).toBe(401);
    expect((missing.body as ErrorBody).name).toBe("werkzeug.exceptions.Unauthorized");
    const wrong = await json2(odoo.url, "res.partner", "search", { domain: [] }, { apiKey: "not-the-key" });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({
      name: "werkzeug.exceptions.Unauthorized",
      message: "Invalid apikey",
      arguments: ["Invalid apikey", 401],
      context: {},
    });
    expect((wrong.body as ErrorBody).debug).toMatch(/^Traceback/);
    expect(JSON.stringify(wrong.body)).not.toContain("not-the-key");
  });

  it("answers 404 for an unknown model or method, 403 for a private one", async () => {
    const model = await call("foo.bar", "search_read", {});
    expect(model.status).toBe(404);
    expect(model.body).toMatchObject({
      name: "werkzeug.exceptions.NotFound",
      message: "the model 'foo.bar' does not exist",
    });
    const method = await call("res.partner", "frobnicate", {});
    expect(method.status).toBe(404);
    expect((method.body as ErrorBody).message).toBe("The method 'res.partner.frobnicate' does not exist");
    const hidden = await call("res.partner", "_compute_display_name", {});
    expect(hidden.status).toBe(403);
    expect((hidden.body as ErrorBody).name).toBe("odoo.exceptions.AccessError");
  });

  it("answers 422 for bad arguments and ids on a model method", async () => {
    const missing = await call("res.partner", "search", {});
    expect(missing.status).toBe(422);
    expect(missing.body).toMatchObject({
      name: "werkzeug.exceptions.UnprocessableEntity",
      message: "missing a required argument: 'domain'",
    });
    const unexpected = await call("res.partner", "search_count", { domain: [], limits: 3 });
    expect(unexpected.status).toBe(422);
    expect((unexpected.body as ErrorBody).message).toBe("got an unexpected keyword argument 'limits'");
    const withIds = await call("res.partner", "search_read", { ids: [1], domain: [] });
    expect(withIds.status).toBe(422);
    expect((withIds.body as ErrorBody).message).toBe("cannot call res.partner.search_read with ids");
  });

  it("answers 500 with builtins.ValueError for an invalid field, as Odoo does", async () => {
    const { status, body } = await call("res.partner", "search_read", { domain: [], fields: ["mobile"] });
    expect(status).toBe(500);
    expect(body).toMatchObject({
      name: "builtins.ValueError",
      message: "Invalid field 'mobile' on model 'res.partner'",
    });
  });

  it("reads records by ids and finds names with name_search(domain=...)", async () => {
    const read = await call("crm.lead", "read", {
      ids: [1],
      fields: ["stage_id", "expected_revenue", "partner_id"],
    });
    expect(read.body).toEqual([
      { id: 1, stage_id: [3, "Proposition"], expected_revenue: 45000, partner_id: [3, "Empresa Z"] },
    ]);
    const names = await call("res.partner", "name_search", {
      name: "garcía",
      domain: [["is_company", "=", false]],
    });
    expect(names.body).toEqual([[10, "Empresa Z, María García"]]);
    const oldName = await call("res.partner", "name_search", { name: "x", args: [] });
    expect(oldName.status).toBe(422);
  });

  it("groups with formatted_read_group and still answers the deprecated read_group", async () => {
    const grouped = await call("crm.lead", "formatted_read_group", {
      domain: [["type", "=", "opportunity"]],
      groupby: ["stage_id"],
      aggregates: ["expected_revenue:sum", "__count"],
    });
    expect(grouped.status).toBe(200);
    expect(grouped.body).toEqual([
      {
        stage_id: [1, "New"],
        "expected_revenue:sum": 26000,
        __count: 2,
        __extra_domain: [["stage_id", "=", 1]],
      },
      {
        stage_id: [2, "Qualified"],
        "expected_revenue:sum": 27500,
        __count: 3,
        __extra_domain: [["stage_id", "=", 2]],
      },
      {
        stage_id: [3, "Proposition"],
        "expected_revenue:sum": 72000,
        __count: 3,
        __extra_domain: [["stage_id", "=", 3]],
      },
      {
        stage_id: [4, "Won"],
        "expected_revenue:sum": 15000,
        __count: 1,
        __extra_domain: [["stage_id", "=", 4]],
      },
    ]);
    const legacy = await call("crm.lead", "read_group", {
      domain: [],
      fields: ["expected_revenue:sum"],
      groupby: ["stage_id"],
    });
    expect(legacy.status).toBe(200);
    expect((legacy.body as unknown[])[0]).toEqual({
      stage_id: [1, "New"],
      stage_id_count: 4,
      expected_revenue: 26000,
      __domain: [["stage_id", "=", 1]],
    });
  });

  it("creates, writes and posts notes, answering ids as JSON-2 does", async () => {
    const created = await call("crm.lead", "create", {
      vals_list: [
        { name: "Nueva oportunidad Acme", partner_id: 4, type: "opportunity", expected_revenue: 5000 },
      ],
    });
    expect(created.status).toBe(200);
    const [id] = created.body as number[];
    expect(odoo.records("crm.lead").find((lead) => lead.id === id)).toMatchObject({
      name: "Nueva oportunidad Acme",
      partner_id: 4,
      stage_id: 1,
    });
    const moved = await call("crm.lead", "write", { ids: [id], vals: { stage_id: 2 } });
    expect(moved.body).toBe(true);
    expect(odoo.records("crm.lead").find((lead) => lead.id === id)?.stage_id).toBe(2);
    const note = await call("crm.lead", "message_post", {
      ids: [id],
      body: "Llamar el lunes <urgente>",
      message_type: "comment",
      subtype_xmlid: "mail.mt_note",
    });
    expect(note.status).toBe(200);
    const [messageId] = note.body as number[];
    expect(odoo.records("mail.message").find((message) => message.id === messageId)).toMatchObject({
      model: "crm.lead",
      res_id: id,
      body: "Llamar el lunes &lt;urgente&gt;",
      is_internal: true,
    });
  });

  it("answers 422 for validation errors and 404 for a missing record", async () => {
    const noName = await call("crm.lead", "create", { vals_list: [{ type: "lead" }] });
    expect(noName.status).toBe(422);
    expect((noName.body as ErrorBody).name).toBe("odoo.exceptions.ValidationError");
    expect((noName.body as ErrorBody).message).toContain("Field: Opportunity (name)");
    const badStage = await call("crm.lead", "write", { ids: [1], vals: { stage_id: 999 } });
    expect(badStage.status).toBe(422);
    const gone = await call("crm.lead", "write", { ids: [999], vals: { name: "x" } });
    expect(gone.status).toBe(404);
    expect((gone.body as ErrorBody).name).toBe("odoo.exceptions.MissingError");
    const readGone = await call("crm.lead", "read", { ids: [1, 999], fields: ["name"] });
    expect(readGone.body).toEqual([{ id: 1, name: "Implantación ERP Empresa Z" }]);
  });

  it("answers 403 AccessError to a read-only user's writes", async () => {
    await odoo.close();
    odoo = await startFakeOdoo({ version: 19, readOnlyUser: true });
    const answer = await call("crm.lead", "write", { ids: [1], vals: { stage_id: 2 } });
    expect(answer.status).toBe(403);
    expect((answer.body as ErrorBody).name).toBe("odoo.exceptions.AccessError");
    expect((answer.body as ErrorBody).message).toContain(
      "You are not allowed to modify 'Lead/Opportunity' (crm.lead)",
    );
    expect(odoo.records("crm.lead").find((lead) => lead.id === 1)?.stage_id).toBe(3);
  });

  it("describes version 19 fields: no mobile, aggregator instead of group_operator", async () => {
    const { body } = await call("res.partner", "fields_get", { attributes: ["type", "aggregator"] });
    expect(body).not.toHaveProperty("mobile");
    const leadFields = await call("crm.lead", "fields_get", {
      allfields: ["expected_revenue"],
      attributes: [],
    });
    expect(leadFields.body).toMatchObject({ expected_revenue: { aggregator: "sum", type: "monetary" } });
    expect((leadFields.body as Record<string, object>).expected_revenue).not.toHaveProperty("group_operator");
  });

  it("answers 404 for another database name and for anything but POST /json/2/<model>/<method>", async () => {
    const otherDatabase = await json2(
      odoo.url,
      "res.partner",
      "search",
      { domain: [] },
      {
        apiKey: odoo.apiKey,
        database: "other",
      },
    );
    expect(otherDatabase.status).toBe(404);
    const get = await fetch(`${odoo.url}/json/2/res.partner/search`, {
      headers: { authorization: `bearer ${odoo.apiKey}` },
    });
    expect(get.status).toBe(404);
    expect(await get.json()).toMatchObject({
      name: "werkzeug.exceptions.NotFound",
      message: "Did you mean POST /json/2/<model>/<method>?",
    });
    const notJson = await fetch(`${odoo.url}/json/2/res.partner/search`, {
      method: "POST",
      headers: { authorization: `bearer ${odoo.apiKey}`, "content-type": "application/json" },
      body: "{domain: []",
    });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as ErrorBody).message).toMatch(/^could not parse the body as json: /);
  });
});
