import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeOdoo, startFakeOdoo } from "../../../src/testing/fake-odoo/index.js";
import { resultOf, xmlRpc } from "./wire-helpers.js";

describe("fake Odoo over XML-RPC", () => {
  let odoo: FakeOdoo;
  const call = (model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}) =>
    xmlRpc(odoo.url, "object", "execute_kw", [odoo.database, 2, odoo.password, model, method, args, kwargs]);

  beforeEach(async () => {
    odoo = await startFakeOdoo({ version: 17 });
  });
  afterEach(async () => {
    await odoo.close();
  });

  it("answers common.version with the server version struct", async () => {
    const { status, text, response } = await xmlRpc(odoo.url, "common", "version", []);
    expect(status).toBe(200);
    expect(resultOf(response)).toEqual({
      server_version: "17.0",
      server_version_info: [17, 0, 0, "final", 0, ""],
      server_serie: "17.0",
      protocol_version: 1,
    });
    expect(text).toContain("<name>server_version</name>\n<value><string>17.0</string></value>");
  });

  it("authenticates with the password or the API key, and answers false (no fault) otherwise", async () => {
    const withPassword = await xmlRpc(odoo.url, "common", "authenticate", [
      "odoo",
      "admin",
      "admin-password",
      {},
    ]);
    expect(resultOf(withPassword.response)).toBe(2);
    expect(withPassword.text).toContain("<value><int>2</int></value>");
    const withKey = await xmlRpc(odoo.url, "common", "authenticate", ["odoo", "admin", "test-api-key", {}]);
    expect(resultOf(withKey.response)).toBe(2);
    const wrong = await xmlRpc(odoo.url, "common", "authenticate", ["odoo", "admin", "nope", {}]);
    expect(resultOf(wrong.response)).toBe(false);
    expect(wrong.text).toContain("<value><boolean>0</boolean></value>");
  });

  it("reads partners by name with ilike, many2one values as [id, name]", async () => {
    const { response } = await call("res.partner", "search_read", [[["name", "ilike", "empresa z"]]], {
      fields: ["name", "email", "country_id", "parent_id", "is_company"],
    });
    expect(resultOf(response)).toEqual([
      {
        id: 3,
        name: "Empresa Z",
        email: "ventas@empresaz.mx",
        country_id: [3, "Mexico"],
        parent_id: false,
        is_company: true,
      },
    ]);
  });

  it("counts with search_count and describes fields with fields_get attributes", async () => {
    const count = await call("res.partner", "search_count", [[["parent_id.name", "=", "Empresa Z"]]]);
    expect(resultOf(count.response)).toBe(2);
    const fields = await call("res.partner", "fields_get", [], {
      attributes: ["type", "string", "relation"],
    });
    const described = resultOf(fields.response) as Record<string, Record<string, unknown>>;
    expect(described.country_id).toEqual({ type: "many2one", string: "Country", relation: "res.country" });
    expect(described.mobile).toEqual({ type: "char", string: "Mobile" });
  });

  it("sends floats as <double> the way Python does", async () => {
    const { text } = await call("sale.order", "read", [[1], ["amount_total"]]);
    expect(text).toContain("<name>amount_total</name>\n<value><double>4961.0</double></value>");
  });

  it("faults with code 3 'Access Denied' on a wrong password in execute_kw", async () => {
    const { response } = await xmlRpc(odoo.url, "object", "execute_kw", [
      "odoo",
      2,
      "wrong",
      "res.partner",
      "search",
      [[]],
      {},
    ]);
    expect(response).toEqual({ kind: "fault", faultCode: 3, faultString: "Access Denied" });
  });

  it("faults with code 2 for an unknown model and code 1 with a traceback for an invalid field", async () => {
    const unknown = await call("foo.bar", "search_read", [[]]);
    expect(unknown.response).toEqual({
      kind: "fault",
      faultCode: 2,
      faultString: "Object foo.bar doesn't exist",
    });
    const invalid = await call("res.partner", "search_read", [[]], { fields: ["foo"] });
    expect(invalid.response.kind).toBe("fault");
    if (invalid.response.kind !== "fault") return;
    expect(invalid.response.faultCode).toBe(1);
    expect(invalid.response.faultString).toMatch(/^Traceback \(most recent call last\):/);
    expect(invalid.response.faultString.trim().split("\n").at(-1)).toBe(
      "ValueError: Invalid field 'foo' on model 'res.partner'",
    );
    const badLeaf = await call("res.partner", "search", [[["foo", "=", 1]]]);
    expect(badLeaf.response.kind === "fault" && badLeaf.response.faultString).toContain(
      "ValueError: Invalid field res.partner.foo in leaf ('foo', '=', 1)",
    );
  });

  it("reads hand-written calls: untyped strings, i4, nil, entities and whitespace", async () => {
    const body = `<?xml version="1.0" encoding="UTF-8"?>
<methodCall>
  <methodName>execute_kw</methodName>
  <params>
    <param><value>odoo</value></param>
    <param><value><i4>2</i4></value></param>
    <param><value><string>admin-password</string></value></param>
    <param><value>res.partner</value></param>
    <param><value>search_read</value></param>
    <param><value><array><data>
      <value><array><data>
        <value><array><data>
          <value>name</value><value>=</value><value><string>Ferreter&#237;a L&#xF3;pez e Hijos</string></value>
        </data></array></value>
      </data></array></value>
    </data></array></value></param>
    <param><value><struct>
      <member><name>fields</name><value><array><data><value>name</value></data></array></value></member>
      <member><name>limit</name><value><nil/></value></member>
    </struct></value></param>
  </params>
</methodCall>`;
    const answer = await fetch(`${odoo.url}/xmlrpc/2/object`, { method: "POST", body });
    const text = await answer.text();
    expect(answer.headers.get("content-type")).toMatch(/^text\/xml/);
    expect(text).toContain("<value><string>Ferretería López e Hijos</string></value>");
    expect(text).toContain("<name>id</name>\n<value><int>6</int></value>");
  });

  it("escapes &, < and > in strings it sends", async () => {
    const created = await call("res.partner", "create", [{ name: "Smith & Sons <Ltd>" }]);
    const id = resultOf(created.response) as number;
    const { text, response } = await call("res.partner", "read", [[id], ["name"]]);
    expect(text).toContain("<value><string>Smith &amp; Sons &lt;Ltd&gt;</string></value>");
    expect(resultOf(response)).toEqual([{ id, name: "Smith & Sons <Ltd>" }]);
  });
});
