import { afterEach, describe, expect, it, vi } from "vitest";
import { type FakeOdoo, startFakeOdoo } from "../../../src/testing/fake-odoo/index.js";
import { json2, resultOf, xmlRpc } from "./wire-helpers.js";

describe("fake Odoo server", () => {
  const started: FakeOdoo[] = [];
  const start = async (options: Parameters<typeof startFakeOdoo>[0]) => {
    const odoo = await startFakeOdoo(options);
    started.push(odoo);
    return odoo;
  };
  afterEach(async () => {
    await Promise.all(started.splice(0).map((odoo) => odoo.close()));
  });

  it("listens on 127.0.0.1 and answers GET /web/version for each version", async () => {
    for (const version of [17, 19] as const) {
      const odoo = await start({ version });
      expect(odoo.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const answer = await fetch(`${odoo.url}/web/version`);
      expect(await answer.json()).toEqual({
        version_info: [version, 0, 0, "final", 0, ""],
        version: `${version}.0`,
      });
    }
  });

  it("answers /web/webclient/version_info as JSON-RPC", async () => {
    const odoo = await start({ version: 19 });
    const answer = await fetch(`${odoo.url}/web/webclient/version_info`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", method: "call", params: {}, id: 7 }),
    });
    expect(await answer.json()).toMatchObject({ jsonrpc: "2.0", id: 7, result: { server_serie: "19.0" } });
  });

  it("answers 404 on /json/2 as version 17, and JSON-2 as version 19", async () => {
    const old = await start({ version: 17 });
    const onOld = await json2(old.url, "res.partner", "search", { domain: [] }, { apiKey: old.apiKey });
    expect(onOld.status).toBe(404);
    expect(typeof onOld.body).toBe("string");
    const current = await start({ version: 19 });
    const onCurrent = await json2(
      current.url,
      "res.partner",
      "search",
      { domain: [] },
      { apiKey: current.apiKey },
    );
    expect(onCurrent.status).toBe(200);
  });

  it("records requests with the secret redacted and kept apart in credential", async () => {
    const odoo = await start({ version: 19, apiKey: "secret-key-123", password: "secret-password" });
    await xmlRpc(odoo.url, "common", "authenticate", [odoo.database, odoo.login, "secret-password", {}]);
    await xmlRpc(odoo.url, "object", "execute_kw", [
      odoo.database,
      2,
      "secret-password",
      "res.partner",
      "search_count",
      [[]],
      {},
    ]);
    await json2(odoo.url, "crm.lead", "search_count", { domain: [] }, { apiKey: "secret-key-123" });
    expect(odoo.requests.map(({ protocol, model, method }) => ({ protocol, model, method }))).toEqual([
      { protocol: "xmlrpc", model: undefined, method: "authenticate" },
      { protocol: "xmlrpc", model: "res.partner", method: "search_count" },
      { protocol: "json2", model: "crm.lead", method: "search_count" },
    ]);
    expect(JSON.stringify(odoo.requests.map(({ credential: _credential, ...rest }) => rest))).not.toMatch(
      /secret-(key-123|password)/,
    );
    expect(odoo.requests.map((request) => request.credential)).toEqual([
      "secret-password",
      "secret-password",
      "secret-key-123",
    ]);
    expect(odoo.requests[2]?.headers.authorization).toBe("***");
    const body = odoo.requests[1]?.body as { methodName: string; params: unknown[] };
    expect(body.methodName).toBe("execute_kw");
    expect(body.params.slice(0, 4)).toEqual([odoo.database, 2, "***", "res.partner"]);
  });

  it("fails the next requests with a status, then answers again", async () => {
    const odoo = await start({ version: 17 });
    odoo.failNext(2, 502);
    expect((await fetch(`${odoo.url}/web/version`)).status).toBe(502);
    expect((await fetch(`${odoo.url}/web/version`)).status).toBe(502);
    expect((await fetch(`${odoo.url}/web/version`)).status).toBe(200);
  });

  it("resets the connection when told to fail with status 0", async () => {
    const odoo = await start({ version: 17 });
    odoo.failNext(1, 0);
    await expect(fetch(`${odoo.url}/web/version`)).rejects.toThrow(new TypeError("fetch failed"));
    expect((await fetch(`${odoo.url}/web/version`)).status).toBe(200);
  });

  it("leaves requests unanswered while hanging, and close() still returns", async () => {
    const odoo = await start({ version: 19 });
    odoo.hang(true);
    const timedOut = fetch(`${odoo.url}/web/version`, { signal: AbortSignal.timeout(200) });
    await expect(timedOut).rejects.toThrow(/abort|timeout/i);
    expect(odoo.requests).toHaveLength(1);
    const pending = fetch(`${odoo.url}/web/version`).catch((error: unknown) => error);
    await vi.waitFor(() => expect(odoo.requests).toHaveLength(2));
    await odoo.close();
    expect(await pending).toBeInstanceOf(Error);
  });

  it("answers XML-RPC faults for a bad database, an unknown method, a private method and bad XML", async () => {
    const odoo = await start({ version: 17 });
    const execute = (model: string, method: string, args: unknown[], database = odoo.database) =>
      xmlRpc(odoo.url, "object", "execute_kw", [database, 2, odoo.password, model, method, args, {}]);
    const badDatabase = await execute("res.partner", "search", [[]], "nope");
    expect(badDatabase.response).toMatchObject({ kind: "fault", faultCode: 1 });
    expect(badDatabase.response.kind === "fault" && badDatabase.response.faultString).toContain(
      'database "nope" does not exist',
    );
    const unknown = await execute("res.partner", "frobnicate", []);
    expect(unknown.response.kind === "fault" && unknown.response.faultString).toContain(
      "AttributeError: The method 'frobnicate' does not exist on the model 'res.partner'",
    );
    const hidden = await execute("res.partner", "_write", []);
    expect(hidden.response).toEqual({
      kind: "fault",
      faultCode: 4,
      faultString: "Private methods (such as _write) cannot be called remotely.",
    });
    const garbage = await fetch(`${odoo.url}/xmlrpc/2/object`, {
      method: "POST",
      body: "<methodCall><oops>",
    });
    expect(garbage.status).toBe(200);
    expect(await garbage.text()).toContain("<name>faultCode</name>\n<value><int>1</int></value>");
  });
});

describe("fake Odoo ORM over XML-RPC (version 17)", () => {
  let odoo: FakeOdoo | undefined;
  afterEach(async () => {
    await odoo?.close();
  });
  const execute = (method: string, model: string, args: unknown[], kwargs: Record<string, unknown> = {}) =>
    xmlRpc(odoo!.url, "object", "execute_kw", [
      odoo!.database,
      2,
      odoo!.password,
      model,
      method,
      args,
      kwargs,
    ]);

  it("keeps mobile in 17, pages with limit/offset and orders as asked", async () => {
    odoo = await startFakeOdoo({ version: 17 });
    const contact = await execute("search_read", "res.partner", [[["name", "=", "Juan Pérez"]]], {
      fields: ["mobile", "display_name"],
    });
    expect(resultOf(contact.response)).toEqual([
      { id: 9, mobile: "+52 55 1234 5678", display_name: "Empresa Z, Juan Pérez" },
    ]);
    const paged = await execute("search", "crm.lead", [[]], {
      order: "expected_revenue desc",
      limit: 2,
      offset: 1,
    });
    expect(resultOf(paged.response)).toEqual([8, 11]);
    const badOrder = await execute("search", "crm.lead", [[]], { order: "nope desc" });
    expect(badOrder.response.kind).toBe("fault");
  });

  it("uses name_search(name, args) and read_group in 17, without formatted_read_group", async () => {
    odoo = await startFakeOdoo({ version: 17 });
    const names = await execute("name_search", "res.partner", ["acme"], {
      args: [["is_company", "=", true]],
    });
    expect(resultOf(names.response)).toEqual([[4, "Acme Corp"]]);
    const grouped = await execute("read_group", "sale.order", [
      [["state", "=", "sale"]],
      ["amount_total:sum"],
      ["partner_id"],
    ]);
    expect(resultOf(grouped.response)).toContainEqual({
      partner_id: [3, "Empresa Z"],
      partner_id_count: 1,
      amount_total: 4961,
      __domain: ["&", ["partner_id", "=", 3], ["state", "=", "sale"]],
    });
    const modern = await execute("formatted_read_group", "sale.order", [[]]);
    expect(modern.response.kind === "fault" && modern.response.faultCode).toBe(1);
  });

  it("creates with an id for one dict, posts notes with an id, and refuses a read-only user with fault 4", async () => {
    odoo = await startFakeOdoo({ version: 17 });
    const created = await execute("create", "crm.lead", [{ name: "Lead por XML-RPC", partner_id: 5 }]);
    const id = resultOf(created.response);
    expect(typeof id).toBe("number");
    const note = await execute("message_post", "crm.lead", [[id]], {
      body: "Nota",
      subtype_xmlid: "mail.mt_note",
    });
    expect(typeof resultOf(note.response)).toBe("number");
    const positional = await execute("message_post", "crm.lead", [[id], "Nota"]);
    expect(positional.response.kind === "fault" && positional.response.faultString).toContain(
      "TypeError: MailThread.message_post() takes 1 positional argument but 2 were given",
    );
    const missing = await execute("write", "crm.lead", [[999], { name: "x" }]);
    expect(missing.response).toMatchObject({ kind: "fault", faultCode: 2 });
    await odoo.close();
    odoo = await startFakeOdoo({ version: 17, readOnlyUser: true });
    const refused = await execute("write", "crm.lead", [[1], { stage_id: 2 }]);
    expect(refused.response).toMatchObject({ kind: "fault", faultCode: 4 });
    expect(odoo.records("crm.lead").find((lead) => lead.id === 1)?.stage_id).toBe(3);
  });

  it("has no hr.employee without the HR app, and counts employees per company with it", async () => {
    odoo = await startFakeOdoo({ version: 17, hrInstalled: false });
    const absent = await execute("search_count", "hr.employee", [[]]);
    expect(absent.response).toEqual({
      kind: "fault",
      faultCode: 2,
      faultString: "Object hr.employee doesn't exist",
    });
    await odoo.close();
    odoo = await startFakeOdoo({ version: 17 });
    const present = await execute("search_count", "hr.employee", [[["company_id.name", "=", "Empresa X"]]]);
    expect(resultOf(present.response)).toBe(6);
  });

  it("answers ids lists for message_post over XML-RPC in 19, and an id for create with one dict", async () => {
    odoo = await startFakeOdoo({ version: 19 });
    const created = await execute("create", "res.partner", [
      { name: "Nuevo Cliente S.L.", is_company: true },
    ]);
    const id = resultOf(created.response);
    expect(typeof id).toBe("number");
    expect(odoo.records("res.partner").find((partner) => partner.id === id)).toMatchObject({
      complete_name: "Nuevo Cliente S.L.",
      active: true,
    });
    const createdMany = await execute("create", "res.partner", [[{ name: "Uno" }, { name: "Dos" }]]);
    expect(resultOf(createdMany.response)).toHaveLength(2);
    const note = await execute("message_post", "res.partner", [[id]], { body: "Hola" });
    expect(resultOf(note.response)).toEqual([expect.any(Number)]);
    const mobile = await execute("search_read", "res.partner", [[]], { fields: ["mobile"], limit: 1 });
    expect(mobile.response.kind === "fault" && mobile.response.faultString).toContain(
      "ValueError: Invalid field 'mobile' on model 'res.partner'",
    );
  });
});
