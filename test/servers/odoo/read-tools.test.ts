/**
 * Every read tool through a real MCP client over stdio, against the fake Odoo, on both wire protocols
 * and both versions: Odoo 17 over XML-RPC, Odoo 19 over JSON-2 (auto), Odoo 19 over XML-RPC (forced).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeOdoo, startFakeOdoo } from "../../../src/testing/fake-odoo/index.js";
import { envFor, type OdooStdio, startOdooStdio, textOf } from "./stdio-harness.js";

const setups: Array<{ label: string; version: 17 | 19; env: Record<string, string>; wire: string }> = [
  { label: "Odoo 17, XML-RPC (auto)", version: 17, env: {}, wire: "xmlrpc" },
  { label: "Odoo 19, JSON-2 (auto)", version: 19, env: {}, wire: "json2" },
  {
    label: "Odoo 19, XML-RPC (forced)",
    version: 19,
    env: { ODOO_PROTOCOL: "xmlrpc" },
    wire: "xmlrpc",
  },
];

describe.each(setups)("read tools — $label", ({ version, env, wire }) => {
  let odoo: FakeOdoo;
  let server: OdooStdio;

  beforeAll(async () => {
    odoo = await startFakeOdoo({ version });
    server = await startOdooStdio(envFor(odoo, env));
  });
  afterAll(async () => {
    await server?.close();
    await odoo?.close();
  });

  it("lists the read tools only, all read-only, and never an unlink", async () => {
    const { tools } = await server.client.listTools();
    const names = tools.map((tool) => tool.name).sort();
    expect(names).toEqual([
      "buscar_registros",
      "consultar_empresa",
      "detalle_pedido",
      "listar_oportunidades",
      "listar_pedidos",
      "obtener_cliente",
      "resumen_pipeline",
    ]);
    for (const tool of tools) {
      expect(tool.annotations?.readOnlyHint).toBe(true);
      expect(tool.description?.length).toBeGreaterThan(20);
    }
  });

  it("obtener_cliente finds contacts by part of the name, with their company", async () => {
    const result = await server.call("obtener_cliente", { nombre: "pérez" });
    expect(result.isError).toBeFalsy();
    const structured = result.structuredContent as {
      clientes: Array<Record<string, unknown>>;
      total: number;
    };
    expect(structured.total).toBe(1);
    expect(structured.clientes[0]).toMatchObject({
      nombre: "Juan Pérez",
      email: "juan.perez@empresaz.mx",
      telefono: "+52 55 5000 0010",
      ciudad: "Ciudad de México",
      empresa: "Empresa Z",
      es_empresa: false,
    });
    expect(textOf(result)).toContain("Juan Pérez");
    // The wire protocol is the one expected for this setup.
    expect(
      odoo.requests.some((request) => request.protocol === wire && request.model === "res.partner"),
    ).toBe(true);
    expect(odoo.requests.some((request) => request.protocol !== wire && request.model !== undefined)).toBe(
      false,
    );
  });

  it("obtener_cliente pages with limite/offset and reports the total", async () => {
    const first = await server.call("obtener_cliente", { nombre: "empresa", limite: 2 });
    const second = await server.call("obtener_cliente", { nombre: "empresa", limite: 2, offset: 2 });
    const page1 = first.structuredContent as { clientes: Array<{ id: number }>; total: number };
    const page2 = second.structuredContent as { clientes: Array<{ id: number }>; total: number };
    // The seeded companies whose name holds "empresa" (the fake Odoo's fixed data).
    expect(page1.total).toBe(3);
    expect(page1.clientes).toHaveLength(2);
    expect(page2.clientes.length).toBe(1);
    const ids = new Set([...page1.clientes, ...page2.clientes].map((cliente) => cliente.id));
    expect(ids.size).toBe(page1.clientes.length + page2.clientes.length);
    expect(textOf(first)).toMatch(/offset 2/);
  });

  it("consultar_empresa gives a customer's card from real ERP data", async () => {
    const result = await server.call("consultar_empresa", { nombre: "Empresa Z" });
    expect(result.isError).toBeFalsy();
    const { empresa, encontrada } = result.structuredContent as {
      encontrada: boolean;
      empresa: Record<string, unknown>;
    };
    expect(encontrada).toBe(true);
    expect(empresa).toMatchObject({
      nombre: "Empresa Z",
      ciudad: "Ciudad de México",
      contactos: 2,
      empleados: 0,
    });
    // Lead 1 (on the company) and lead 11 (on its contact Juan Pérez) are open.
    expect(empresa.oportunidades_abiertas).toBe(2);
    expect(empresa.ingreso_esperado).toBe(63000);
    // S00001 (sale) and S00005 (sale, on Juan Pérez) are confirmed; S00003 is a draft.
    expect(empresa.pedidos_confirmados).toBe(2);
    expect(empresa.ventas_total).toBe(6413);
    expect(textOf(result)).toMatch(/Open opportunities: 2/);
  });

  it("consultar_empresa counts employees of the database's own company", async () => {
    const result = await server.call("consultar_empresa", { nombre: "Empresa X" });
    const { empresa } = result.structuredContent as { empresa: { empleados: number } };
    expect(empresa.empleados).toBe(6);
  });

  it("consultar_empresa says plainly when no company matches", async () => {
    const result = await server.call("consultar_empresa", { nombre: "Nonexistent Industries" });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ encontrada: false, empresa: null });
    expect(textOf(result)).toMatch(/No company named like/);
  });

  it("listar_oportunidades filters by stage, salesperson, customer and dates", async () => {
    const byStage = await server.call("listar_oportunidades", { etapa: "Proposition" });
    const stageRows = (byStage.structuredContent as { oportunidades: Array<Record<string, unknown>> })
      .oportunidades;
    expect(stageRows.length).toBe(3);
    expect(stageRows.every((row) => row.etapa === "Proposition")).toBe(true);

    const bySalesperson = await server.call("listar_oportunidades", { comercial: "Laura" });
    const salesRows = (bySalesperson.structuredContent as { oportunidades: Array<Record<string, unknown>> })
      .oportunidades;
    expect(salesRows.length).toBe(3);
    expect(salesRows.every((row) => row.comercial === "Laura Sánchez")).toBe(true);

    const byCustomer = await server.call("listar_oportunidades", { cliente: "Acme" });
    const customerRows = (byCustomer.structuredContent as { oportunidades: Array<{ nombre: string }> })
      .oportunidades;
    expect(customerRows.map((row) => row.nombre)).toContain("Licencias Acme Corp");

    const byDates = await server.call("listar_oportunidades", { desde: "2026-11-01", hasta: "2026-11-30" });
    const dateRows = (byDates.structuredContent as { oportunidades: Array<{ creada: string }> })
      .oportunidades;
    expect(dateRows.length).toBe(4);
    expect(dateRows.every((row) => row.creada >= "2026-11-01" && row.creada <= "2026-11-30 23:59:59")).toBe(
      true,
    );
  });

  it("listar_oportunidades rejects a malformed date before calling Odoo", async () => {
    const result = await server.call("listar_oportunidades", { desde: "yesterday" });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/YYYY-MM-DD/);
  });

  it("resumen_pipeline sums opportunities by stage", async () => {
    const result = await server.call("resumen_pipeline", {});
    expect(result.isError).toBeFalsy();
    const summary = result.structuredContent as {
      etapas: Array<{ etapa: string; cantidad: number; ingreso_esperado: number }>;
      total_oportunidades: number;
    };
    const proposition = summary.etapas.find((stage) => stage.etapa === "Proposition");
    expect(proposition?.cantidad).toBe(3);
    expect(proposition?.ingreso_esperado).toBe(72000);
    expect(summary.total_oportunidades).toBe(summary.etapas.reduce((sum, stage) => sum + stage.cantidad, 0));
    const method = version >= 19 ? "formatted_read_group" : "read_group";
    expect(odoo.requests.some((request) => request.method === method)).toBe(true);
  });

  it("listar_pedidos lists a customer's orders, its contacts' included, newest first", async () => {
    const result = await server.call("listar_pedidos", { cliente: "Empresa Z" });
    expect(result.isError).toBeFalsy();
    const { pedidos, total } = result.structuredContent as {
      pedidos: Array<Record<string, unknown>>;
      total: number;
    };
    expect(pedidos.map((pedido) => pedido.numero).sort()).toEqual(["S00001", "S00003", "S00005"]);
    expect(total).toBe(3);
    const dates = pedidos.map((pedido) => String(pedido.fecha));
    expect([...dates].sort().reverse()).toEqual(dates);

    const confirmed = await server.call("listar_pedidos", { cliente: "Empresa Z", estado: "confirmado" });
    const confirmedOrders = (confirmed.structuredContent as { pedidos: Array<{ numero: string }> }).pedidos;
    expect(confirmedOrders.map((pedido) => pedido.numero).sort()).toEqual(["S00001", "S00005"]);
  });

  it("detalle_pedido shows an order's lines and totals", async () => {
    const result = await server.call("detalle_pedido", { pedido: "S00001" });
    expect(result.isError).toBeFalsy();
    const { pedido, lineas } = result.structuredContent as {
      pedido: { numero: string; base: number; impuestos: number; total: number };
      lineas: Array<{ cantidad: number; subtotal: number }>;
    };
    expect(pedido.numero).toBe("S00001");
    expect(lineas).toHaveLength(2);
    const linesSum = lineas.reduce((sum, line) => sum + line.subtotal, 0);
    expect(linesSum).toBeCloseTo(pedido.base, 2);
    expect(pedido.total).toBeCloseTo(pedido.base + pedido.impuestos, 2);
    expect(textOf(result)).toMatch(/total/);
  });

  it("detalle_pedido reports an unknown order in one line", async () => {
    const result = await server.call("detalle_pedido", { pedido: "S99999" });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/No sales order S99999/);
    expect(textOf(result)).not.toContain("\n");
  });

  it("buscar_registros applies structured filters, fields and pages", async () => {
    const result = await server.call("buscar_registros", {
      modelo: "res.partner",
      filtros: [["is_company", "=", true], { campo: "country_id.name", operador: "ilike", valor: "spain" }],
      campos: ["name", "city"],
      orden: "name",
    });
    expect(result.isError).toBeFalsy();
    const { registros, total } = result.structuredContent as {
      registros: Array<Record<string, unknown>>;
      total: number;
    };
    expect(registros.map((record) => record.name)).toEqual(["Empresa X", "Ferretería López e Hijos"]);
    expect(total).toBe(2);
  });

  it("buscar_registros refuses a field this version does not have", async () => {
    const result = await server.call("buscar_registros", {
      modelo: "res.partner",
      filtros: [["mobile", "!=", false]],
    });
    if (version === 17) {
      expect(result.isError).toBeFalsy();
    } else {
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/Field "mobile" does not exist on res.partner in this Odoo version/);
    }
  });

  it("buscar_registros refuses bad operators, bad values and protected fields, never returning all records", async () => {
    const cases: Array<[unknown[], RegExp]> = [
      [[["name", "=~", "x"]], /Operator "=~" is not supported/],
      [[["is_company", "ilike", "yes"]], /only works on text/],
      [[["type", "=", "martian"]], /Use one of: contact, invoice, delivery, other/],
      [[["bank_ids", "!=", false]], /protected/],
      [[["name.foo", "=", "x"]], /not a relation/],
    ];
    for (const [filtros, message] of cases) {
      const result = await server.call("buscar_registros", { modelo: "res.partner", filtros });
      expect(result.isError, JSON.stringify(filtros)).toBe(true);
      expect(textOf(result)).toMatch(message);
      expect(result.structuredContent).toBeUndefined();
    }
  });
});
