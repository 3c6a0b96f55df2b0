/**
 * The write tools over stdio: listed only with ODOO_WRITE=1, marked destructive, and each one changes
 * exactly what it says in the fake Odoo, on both versions and both wire protocols.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeOdoo, startFakeOdoo } from "../../../src/testing/fake-odoo/index.js";
import { envFor, type OdooStdio, startOdooStdio, textOf } from "./stdio-harness.js";

const WRITE_TOOLS = ["crear_oportunidad", "mover_oportunidad", "registrar_nota"];

describe.each<{ label: string; version: 17 | 19; wire: string; env: Record<string, string> }>([
  { label: "Odoo 17, XML-RPC", version: 17, wire: "xmlrpc", env: {} },
  { label: "Odoo 19, JSON-2", version: 19, wire: "json2", env: {} },
  { label: "Odoo 19, XML-RPC (forced)", version: 19, wire: "xmlrpc", env: { ODOO_PROTOCOL: "xmlrpc" } },
])("write tools — $label", ({ version, wire, env }) => {
  let odoo: FakeOdoo;
  let server: OdooStdio;

  beforeAll(async () => {
    odoo = await startFakeOdoo({ version });
    server = await startOdooStdio(envFor(odoo, { ODOO_WRITE: "1", ...env }));
  });
  afterAll(async () => {
    await server?.close();
    await odoo?.close();
  });

  it("lists the write tools with destructiveHint, and no unlink anywhere", async () => {
    const { tools } = await server.client.listTools();
    for (const name of WRITE_TOOLS) {
      const tool = tools.find((candidate) => candidate.name === name);
      expect(tool, name).toBeDefined();
      expect(tool?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    }
    expect(tools.some((tool) => /unlink|borrar|eliminar|delete/i.test(tool.name))).toBe(false);
  });

  it("crear_oportunidad creates a lead linked to an existing customer", async () => {
    const result = await server.call("crear_oportunidad", {
      nombre: "Renovación licencias",
      cliente: "Acme Corp",
      email: "john.smith@acme.example",
      ingreso_esperado: 9000,
    });
    expect(result.isError, textOf(result)).toBeFalsy();
    const { id } = result.structuredContent as { id: number };
    const created = odoo.records("crm.lead").find((lead) => lead.id === id);
    expect(created).toMatchObject({
      name: "Renovación licencias",
      type: "opportunity",
      partner_id: 4,
      email_from: "john.smith@acme.example",
      expected_revenue: 9000,
    });
    expect(odoo.requests.some((request) => request.protocol === wire && request.method === "create")).toBe(
      true,
    );
  });

  it("crear_oportunidad keeps an unknown customer's name as the lead's company name", async () => {
    const result = await server.call("crear_oportunidad", {
      nombre: "Lead nuevo",
      cliente: "Startup Nueva SL",
      tipo: "lead",
    });
    expect(result.isError, textOf(result)).toBeFalsy();
    const { id } = result.structuredContent as { id: number };
    const created = odoo.records("crm.lead").find((lead) => lead.id === id);
    expect(created).toMatchObject({ partner_name: "Startup Nueva SL", type: "lead" });
    expect(created?.partner_id ?? false).toBe(false);
  });

  it("mover_oportunidad moves a lead to the named stage", async () => {
    const result = await server.call("mover_oportunidad", { id: 2, etapa: "proposition" });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(result.structuredContent).toEqual({ id: 2, etapa: "Proposition" });
    expect(odoo.records("crm.lead").find((lead) => lead.id === 2)?.stage_id).toBe(3);
  });

  it("mover_oportunidad lists the stages when the name matches none", async () => {
    const result = await server.call("mover_oportunidad", { id: 2, etapa: "Negotiation" });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      /No CRM stage is named "Negotiation". Use one of: New, Qualified, Proposition, Won/,
    );
  });

  it("mover_oportunidad reports an unknown lead id without writing", async () => {
    const writesBefore = odoo.requests.filter((request) => request.method === "write").length;
    const result = await server.call("mover_oportunidad", { id: 9999, etapa: "Won" });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/No lead or opportunity has id 9999/);
    expect(odoo.requests.filter((request) => request.method === "write").length).toBe(writesBefore);
  });

  it("registrar_nota logs an internal note in the record's chatter", async () => {
    const result = await server.call("registrar_nota", { id: 1, nota: "Llamada con el cliente: pide demo." });
    expect(result.isError, textOf(result)).toBeFalsy();
    const { mensaje_id } = result.structuredContent as { mensaje_id: number };
    const message = odoo.records("mail.message").find((candidate) => candidate.id === mensaje_id);
    expect(message).toMatchObject({ model: "crm.lead", res_id: 1, message_type: "comment" });
    expect(String(message?.body)).toContain("Llamada con el cliente");
  });

  it("registrar_nota on a missing record says so in one line", async () => {
    const result = await server.call("registrar_nota", { modelo: "res.partner", id: 99999, nota: "x" });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/could not find/);
    expect(textOf(result)).not.toContain("\n");
  });
});

describe("write tools are off by default", () => {
  let odoo: FakeOdoo;
  let server: OdooStdio;
  beforeAll(async () => {
    odoo = await startFakeOdoo({ version: 19 });
    server = await startOdooStdio(envFor(odoo));
  });
  afterAll(async () => {
    await server?.close();
    await odoo?.close();
  });

  it("does not list them, and calling one is refused", async () => {
    const { tools } = await server.client.listTools();
    expect(tools.filter((tool) => WRITE_TOOLS.includes(tool.name))).toEqual([]);
    // An unknown tool is a protocol error (-32602) from SDK v2's McpServer, as the 2025-11-25 spec says.
    await expect(server.call("crear_oportunidad", { nombre: "x" })).rejects.toThrow(
      /Tool crear_oportunidad not found/,
    );
    expect(odoo.requests.some((request) => request.method === "create")).toBe(false);
  });
});

describe("the model allowlist (ODOO_MODELS)", () => {
  let odoo: FakeOdoo;
  let server: OdooStdio;
  beforeAll(async () => {
    odoo = await startFakeOdoo({ version: 17 });
    server = await startOdooStdio(envFor(odoo, { ODOO_MODELS: "res.partner,res.country", ODOO_WRITE: "1" }));
  });
  afterAll(async () => {
    await server?.close();
    await odoo?.close();
  });

  it("hides the tools of models outside it and limits buscar_registros to it", async () => {
    const { tools } = await server.client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([
      "buscar_registros",
      "consultar_empresa",
      "obtener_cliente",
    ]);
    // The server's login check at start may read res.users; the refused search must add no request.
    const before = odoo.requests.length;
    const result = await server.call("buscar_registros", { modelo: "res.users" });
    expect(result.isError).toBe(true);
    expect(odoo.requests.slice(before).some((request) => request.model === "res.users")).toBe(false);
  });

  it("still answers consultar_empresa, without the figures of models it may not read", async () => {
    const result = await server.call("consultar_empresa", { nombre: "Acme" });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(result.structuredContent).toMatchObject({
      empresa: { nombre: "Acme Corp", empleados: null, oportunidades_abiertas: null, ventas_total: null },
    });
    expect(textOf(result)).toMatch(/Open opportunities: not available/);
    expect(
      odoo.requests.some((request) => request.model === "crm.lead" || request.model === "sale.order"),
    ).toBe(false);
  });
});
