/**
 * The data-access layer against the in-process fake Odoo, in-process (no MCP): version detection, the
 * protocol `auto` picks, the wire shapes each version needs, allowlist and denylist.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OdooConfig, readOdooConfig } from "../../src/odoo/config.js";
import { openOdooConnection } from "../../src/odoo/connect.js";
import { HttpClient } from "../../src/odoo/http.js";
import { OdooClient } from "../../src/odoo/odoo-client.js";
import { OdooError } from "../../src/odoo/odoo-error.js";
import { type FakeOdoo, startFakeOdoo } from "../../src/testing/fake-odoo/index.js";

function configFor(odoo: FakeOdoo, overrides: Record<string, string> = {}): OdooConfig {
  return readOdooConfig({
    ODOO_URL: odoo.url,
    ODOO_DB: odoo.database,
    ODOO_USER: odoo.login,
    ODOO_API_KEY: odoo.apiKey,
    ODOO_TIMEOUT_MS: "3000",
    ...overrides,
  });
}

function clientFor(config: OdooConfig): OdooClient {
  const http = new HttpClient({ fetch: globalThis.fetch, timeoutMs: config.timeoutMs });
  return new OdooClient({
    connect: () => openOdooConnection(config, http),
    models: config.models,
    retry: { attempts: 3, baseDelayMs: 1, sleep: async () => {} },
  });
}

describe.each([
  { version: 17 as const, protocol: "xmlrpc" },
  { version: 19 as const, protocol: "json2" },
])("OdooClient against fake Odoo $version", ({ version, protocol }) => {
  let odoo: FakeOdoo;
  beforeAll(async () => {
    odoo = await startFakeOdoo({ version });
  });
  afterAll(async () => {
    await odoo.close();
  });

  it(`detects version ${version} and picks ${protocol} in auto mode`, async () => {
    const client = clientFor(configFor(odoo));
    const server = await client.server();
    expect(server.major).toBe(version);
    expect(server.protocol).toBe(protocol);
  });

  it("sends the credentials the way the protocol wants them", async () => {
    const client = clientFor(configFor(odoo));
    const logins = () => odoo.requests.filter((request) => request.method === "authenticate").length;
    const loginsBefore = logins();
    await client.searchCount("res.country", []);
    await client.searchCount("res.country", []);
    const call = odoo.requests.filter((request) => request.model === "res.country").at(-1);
    expect(call?.protocol).toBe(protocol);
    expect(call?.credential).toBe(odoo.apiKey);
    if (protocol === "json2") {
      expect(call?.headers["x-odoo-database"]).toBe(odoo.database);
      expect(call?.headers["content-type"]).toMatch(/^application\/json/);
      expect(call?.path).toBe("/json/2/res.country/search_count");
    } else {
      expect(call?.path).toBe("/xmlrpc/2/object");
      expect(logins() - loginsBefore).toBe(1);
    }
  });

  it("keeps only the fields this version has (mobile is gone in 19)", async () => {
    const client = clientFor(configFor(odoo));
    const fields = await client.pickFields("res.partner", ["name", "mobile", "phone"]);
    expect(fields).toEqual(version === 17 ? ["name", "mobile", "phone"] : ["name", "phone"]);
  });

  it("never exposes denied fields such as bank accounts", async () => {
    const client = clientFor(configFor(odoo));
    const fields = await client.fields("res.partner");
    expect(Object.keys(fields)).not.toContain("bank_ids");
    await expect(
      client.searchRead("res.partner", { domain: [], fields: ["name", "bank_ids"], limit: 1 }),
    ).rejects.toMatchObject({ kind: "not-allowed" });
  });

  it("searches with ilike and dotted paths, and counts", async () => {
    const client = clientFor(configFor(odoo));
    const records = await client.searchRead("res.partner", {
      domain: [["parent_id.name", "ilike", "empresa z"]],
      fields: ["name"],
    });
    expect(records.map((record) => record.name).sort()).toEqual(["Juan Pérez", "María García"]);
    expect(await client.searchCount("res.partner", [["parent_id.name", "ilike", "empresa z"]])).toBe(2);
  });

  it(`groups with ${version >= 19 ? "formatted_read_group" : "read_group"}`, async () => {
    const client = clientFor(configFor(odoo));
    const rows = await client.readGroup("crm.lead", {
      domain: [["type", "=", "opportunity"]],
      groupBy: "stage_id",
      sum: "expected_revenue",
    });
    expect(rows.length).toBe(4);
    const proposition = rows.find((row) => Array.isArray(row.value) && row.value[1] === "Proposition");
    expect(proposition?.count).toBe(3);
    expect(proposition?.sum).toBe(72000);
    const methods = odoo.requests.map((request) => request.method);
    expect(methods).toContain(version >= 19 ? "formatted_read_group" : "read_group");
  });

  it(`calls name_search with ${version >= 19 ? "domain" : "args"}`, async () => {
    const client = clientFor(configFor(odoo));
    const matches = await client.nameSearch("res.partner", "Acme");
    expect(matches.map(([, name]) => name)).toContain("Acme Corp");
    const call = odoo.requests.filter((request) => request.method === "name_search").at(-1);
    expect(call).toBeDefined();
    const named =
      version >= 19
        ? (call!.body as Record<string, unknown>)
        : ((call!.body as { params: unknown[] }).params[6] as Record<string, unknown>);
    expect(Object.keys(named)).toContain(version >= 19 ? "domain" : "args");
    expect(Object.keys(named)).not.toContain(version >= 19 ? "args" : "domain");
  });

  it("refuses models outside the allowlist without calling Odoo", async () => {
    const client = clientFor(configFor(odoo, { ODOO_MODELS: "res.partner" }));
    const before = odoo.requests.length;
    await expect(client.searchCount("crm.lead", [])).rejects.toMatchObject({ kind: "not-allowed" });
    expect(odoo.requests.length).toBe(before);
  });

  it("reports bad credentials as one line without the secret", async () => {
    const client = clientFor(configFor(odoo, { ODOO_API_KEY: "wrong-key-123456" }));
    const error = await client.searchCount("res.partner", []).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OdooError);
    expect((error as OdooError).kind).toBe("credentials");
    expect((error as OdooError).message).not.toContain("wrong-key-123456");
    expect((error as OdooError).message).not.toContain("\n");
  });

  it("reports Odoo's validation error (a mandatory field missing) in one line", async () => {
    const client = clientFor(configFor(odoo));
    const error = await client.create("crm.lead", { type: "opportunity" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OdooError);
    expect((error as OdooError).kind).toBe("validation");
    expect((error as OdooError).message).toMatch(/^Odoo refused the request: .*mandatory field/);
    expect((error as OdooError).message).not.toContain("\n");
  });

  it("reports a missing field Odoo itself refuses (bypassing the client's own check)", async () => {
    const client = clientFor(configFor(odoo));
    const { transport } = await openOdooConnection(
      configFor(odoo),
      new HttpClient({ fetch, timeoutMs: 3000 }),
    );
    const error = await transport
      .call({
        model: "res.partner",
        method: "search_read",
        params: { domain: [["nope", "=", 1]], fields: ["name"] },
      })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: "unknown-field" });
    expect((error as OdooError).message).toBe(
      'Field "nope" does not exist on res.partner in this Odoo version.',
    );
    expect(await client.searchCount("res.partner", [])).toBe(22);
  });

  it("retries a read after a 503 and succeeds", async () => {
    const client = clientFor(configFor(odoo));
    await client.server();
    odoo.failNext(2, 503);
    expect(await client.searchCount("res.country", [])).toBe(5);
  });
});

describe("protocol choice", () => {
  it("says which settings XML-RPC lacks, in one line", async () => {
    const odoo = await startFakeOdoo({ version: 17 });
    try {
      const client = clientFor(readOdooConfig({ ODOO_URL: odoo.url, ODOO_PASSWORD: odoo.password }));
      await expect(client.searchCount("res.country", [])).rejects.toThrow(
        "XML-RPC needs ODOO_DB and ODOO_USER.",
      );
    } finally {
      await odoo.close();
    }
  });

  it("reports the connection once, with version and protocol", async () => {
    const odoo = await startFakeOdoo({ version: 19 });
    try {
      const config = configFor(odoo);
      const seen: unknown[] = [];
      const http = new HttpClient({ fetch: globalThis.fetch, timeoutMs: 3000 });
      const client = new OdooClient({
        connect: () => openOdooConnection(config, http),
        models: config.models,
        onConnect: (server) => seen.push(server),
      });
      await client.searchCount("res.country", []);
      await client.searchCount("res.country", []);
      expect(seen).toEqual([{ major: 19, serverVersion: "19.0", protocol: "json2" }]);
    } finally {
      await odoo.close();
    }
  });

  it("uses XML-RPC on Odoo 19 when only a password is given", async () => {
    const odoo = await startFakeOdoo({ version: 19 });
    try {
      const config = readOdooConfig({
        ODOO_URL: odoo.url,
        ODOO_DB: odoo.database,
        ODOO_USER: odoo.login,
        ODOO_PASSWORD: odoo.password,
      });
      const client = clientFor(config);
      expect((await client.server()).protocol).toBe("xmlrpc");
      expect(await client.searchCount("res.country", [])).toBe(5);
    } finally {
      await odoo.close();
    }
  });

  it("refuses ODOO_PROTOCOL=json2 against Odoo 17 with a one-line reason", async () => {
    const odoo = await startFakeOdoo({ version: 17 });
    try {
      const client = clientFor(configFor(odoo, { ODOO_PROTOCOL: "json2" }));
      await expect(client.searchCount("res.country", [])).rejects.toThrow(/needs Odoo 19 or later/);
    } finally {
      await odoo.close();
    }
  });
});
