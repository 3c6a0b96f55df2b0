/**
 * Every Odoo failure reaches the model as one line it can act on, over stdio, on both protocols:
 * bad credentials, unknown model, field missing in this version, access denied, Odoo unreachable,
 * timeout; reads retry network trouble with backoff, writes never repeat. Secrets never leak.
 */
import type { CallToolResult } from "@modelcontextprotocol/server";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeOdoo, startFakeOdoo } from "../../../src/testing/fake-odoo/index.js";
import { envFor, type OdooStdio, startOdooStdio, textOf } from "./stdio-harness.js";

const BAD_KEY = "bad-key-7f3a9c1e5d";
const BAD_PASSWORD = "bad-password-4b8e2d";

const running: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const item of running.splice(0).reverse()) await item.close();
});

async function start(
  version: 17 | 19,
  env: Record<string, string> = {},
  options: { hrInstalled?: boolean; readOnlyUser?: boolean } = {},
): Promise<{ odoo: FakeOdoo; server: OdooStdio }> {
  const odoo = await startFakeOdoo({ version, ...options });
  running.push(odoo);
  const server = await startOdooStdio(envFor(odoo, env));
  running.push(server);
  return { odoo, server };
}

function expectOneLineError(result: CallToolResult, pattern: RegExp): void {
  expect(result.isError, textOf(result)).toBe(true);
  expect(textOf(result)).toMatch(pattern);
  expect(textOf(result)).not.toContain("\n");
  expect(textOf(result)).not.toMatch(/Traceback|File "|at .*\.ts:/);
}

/** One call of every tool, for runs where each must fail the same way. */
const EVERY_TOOL_CALL: Array<[string, Record<string, unknown>]> = [
  ["obtener_cliente", { nombre: "Acme" }],
  ["consultar_empresa", { nombre: "Empresa Z" }],
  ["listar_oportunidades", {}],
  ["resumen_pipeline", {}],
  ["listar_pedidos", { cliente: "Acme" }],
  ["detalle_pedido", { pedido: "S00001" }],
  ["buscar_registros", { modelo: "res.partner", filtros: [["name", "ilike", "a"]] }],
  ["crear_oportunidad", { nombre: "x", cliente: "Acme" }],
  ["mover_oportunidad", { id: 1, etapa: "Won" }],
  ["registrar_nota", { id: 1, nota: "x" }],
];

describe.each([
  {
    label: "Odoo 17, XML-RPC",
    version: 17 as const,
    secrets: { ODOO_API_KEY: BAD_KEY, ODOO_PASSWORD: BAD_PASSWORD },
  },
  {
    label: "Odoo 19, JSON-2",
    version: 19 as const,
    secrets: { ODOO_API_KEY: BAD_KEY, ODOO_PASSWORD: BAD_PASSWORD },
  },
  {
    label: "Odoo 19, XML-RPC with a password",
    version: 19 as const,
    secrets: { ODOO_API_KEY: "", ODOO_PASSWORD: BAD_PASSWORD },
  },
])("bad credentials — $label", ({ version, secrets }) => {
  it("every tool says the credentials were refused, and no secret appears anywhere", async () => {
    // The start-up login check is off so that each tool meets the refusal itself (start-check.test.ts covers the check).
    const { server } = await start(version, { ...secrets, ODOO_WRITE: "1", ODOO_CHECK_LOGIN: "0" });
    const produced: string[] = [];
    const { tools } = await server.client.listTools();
    produced.push(JSON.stringify(tools));
    for (const [name, args] of EVERY_TOOL_CALL) {
      const result = await server.call(name, args);
      expectOneLineError(result, /refused the (credentials|login|API key)/);
      expect(textOf(result)).toMatch(/ODOO_API_KEY|ODOO_PASSWORD/);
      produced.push(JSON.stringify(result));
    }
    produced.push(server.stderr());
    const everything = produced.join("\n");
    expect(everything).not.toContain(BAD_KEY);
    expect(everything).not.toContain(BAD_PASSWORD);
  });
});

describe.each([
  { label: "Odoo 17, XML-RPC", version: 17 as const },
  { label: "Odoo 19, JSON-2", version: 19 as const },
])("Odoo errors — $label", ({ version }) => {
  it("an allowed model that is not installed: 'does not exist in this Odoo database'", async () => {
    const { server } = await start(version, {}, { hrInstalled: false });
    const result = await server.call("buscar_registros", { modelo: "hr.employee" });
    expectOneLineError(
      result,
      /Model hr.employee does not exist in this Odoo database. Install the Odoo app/,
    );
    // consultar_empresa still answers, without an employee count.
    const card = await server.call("consultar_empresa", { nombre: "Empresa X" });
    expect(card.isError, textOf(card)).toBeFalsy();
    expect(card.structuredContent).toMatchObject({ empresa: { nombre: "Empresa X", empleados: null } });
  });

  it("a field this version lacks, asked by name: one line, no call with it", async () => {
    const { odoo, server } = await start(version);
    const result = await server.call("buscar_registros", { modelo: "crm.lead", campos: ["name", "mobile"] });
    if (version === 17) {
      expect(result.isError, textOf(result)).toBeFalsy();
    } else {
      expectOneLineError(result, /Field "mobile" does not exist on crm.lead in this Odoo version/);
      expect(
        odoo.requests.some((request) => request.method === "search_read" && request.model === "crm.lead"),
      ).toBe(false);
    }
  });

  it("a user without write access: access denied in one line", async () => {
    const { server } = await start(version, { ODOO_WRITE: "1" }, { readOnlyUser: true });
    const result = await server.call("crear_oportunidad", { nombre: "No permission" });
    expectOneLineError(result, /may not do crm.lead.create.*Ask an Odoo administrator/);
  });

  it("Odoo hanging: a timeout message naming ODOO_TIMEOUT_MS", async () => {
    const { odoo, server } = await start(version, { ODOO_TIMEOUT_MS: "400" });
    odoo.hang(true);
    const result = await server.call("obtener_cliente", { nombre: "Acme" });
    expectOneLineError(result, /did not answer within 400 ms.*ODOO_TIMEOUT_MS/);
    odoo.hang(false);
    const again = await server.call("obtener_cliente", { nombre: "Acme" });
    expect(again.isError, textOf(again)).toBeFalsy();
  });

  /** The method and model of each request from `from` on. */
  const sentSince = (odoo: FakeOdoo, from: number) =>
    odoo.requests.slice(from).map((request) => `${request.method ?? "?"} ${request.model ?? ""}`.trim());

  it("reads retry a 503 with backoff and succeed", async () => {
    const { odoo, server } = await start(version);
    await server.call("obtener_cliente", { nombre: "Acme" });
    // The same call again, warm, without failures: what one call sends.
    const warm = odoo.requests.length;
    await server.call("obtener_cliente", { nombre: "Acme" });
    const plain = sentSince(odoo, warm);
    const before = odoo.requests.length;
    odoo.failNext(2, 503);
    const result = await server.call("obtener_cliente", { nombre: "Acme" });
    expect(result.isError, textOf(result)).toBeFalsy();
    // One call sends its count and its read at once: the two 503s fail one each, and each is sent again.
    expect(plain.sort()).toEqual(["search_count res.partner", "search_read res.partner"]);
    expect(sentSince(odoo, before).sort()).toEqual([
      "search_count res.partner",
      "search_count res.partner",
      "search_read res.partner",
      "search_read res.partner",
    ]);
  });

  it("reads give up after three attempts with a one-line 'temporarily unavailable'", async () => {
    const { server, odoo } = await start(version);
    await server.call("obtener_cliente", { nombre: "Acme" });
    const before = odoo.requests.length;
    odoo.failNext(6, 503);
    const result = await server.call("buscar_registros", { modelo: "res.country" });
    expectOneLineError(result, /temporarily unavailable \(HTTP 503\)/);
    // Three attempts of the one request, then it gives up: three of the six failures are left.
    const sent = sentSince(odoo, before);
    expect(sent).toHaveLength(3);
    expect(new Set(sent).size).toBe(1);
    odoo.failNext(0);
  });

  it("writes are never retried: a 503 on create is reported and create was sent once", async () => {
    const { odoo, server } = await start(version, { ODOO_WRITE: "1" });
    await server.call("obtener_cliente", { nombre: "Acme" });
    await server.call("buscar_registros", { modelo: "crm.lead", limite: 1 });
    const leadsBefore = odoo.records("crm.lead").length;
    const createsBefore = odoo.requests.filter((request) => request.method === "create").length;
    odoo.failNext(1, 503);
    const result = await server.call("crear_oportunidad", { nombre: "Once only" });
    expectOneLineError(result, /temporarily unavailable/);
    expect(odoo.requests.filter((request) => request.method === "create").length - createsBefore).toBe(1);
    expect(odoo.records("crm.lead").length).toBe(leadsBefore);
  });
});

describe("Odoo unreachable", () => {
  it("says so in one line with the address and what to check", async () => {
    const odoo = await startFakeOdoo({ version: 19 });
    const { url } = odoo;
    await odoo.close();
    const server = await startOdooStdio({ ...envFor(odoo), ODOO_URL: url, ODOO_CHECK_LOGIN: "0" });
    running.push(server);
    const result = await server.call("consultar_empresa", { nombre: "Acme" });
    expectOneLineError(
      result,
      new RegExp(`Odoo at ${url.replace(/[.]/g, "\\.")} is unreachable \\(ECONNREFUSED\\)\\. Check ODOO_URL`),
    );
  });
});

describe("configuration errors", () => {
  it("exits at start when ODOO_URL is missing: the client sees the connection close", async () => {
    await expect(startOdooStdio({ ODOO_API_KEY: "k" })).rejects.toThrow(/Connection closed/);
  });
});
