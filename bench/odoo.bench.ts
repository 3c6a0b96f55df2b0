/**
 * The Odoo server's figures (issue 5): start-up, cold first call and warm tool latency over stdio against
 * the in-process fake Odoo, per wire protocol and version, with the Odoo requests each tool costs;
 * the XML-RPC codec's throughput on a 100-record answer. The fake answers in microseconds, so the
 * figures are agente's own overhead (process, MCP, codec, HTTP on loopback), not Odoo's.
 */
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { decodeMethodResponse, encodeMethodResponse, type XmlRpcValue } from "../src/odoo/xmlrpc-codec.js";
import { startFakeOdoo } from "../src/testing/fake-odoo/index.js";
import { type Bench, type BenchTable, percentile, sized } from "./table.js";

const ENTRY = fileURLToPath(new URL("../dist/servers/odoo/main.js", import.meta.url));
const WARM_CALLS = sized(60, 5);

const SETUPS: Array<{ label: string; version: 17 | 19; env: Record<string, string> }> = [
  { label: "Odoo 17, XML-RPC", version: 17, env: {} },
  { label: "Odoo 19, JSON-2", version: 19, env: {} },
  { label: "Odoo 19, XML-RPC", version: 19, env: { ODOO_PROTOCOL: "xmlrpc" } },
];

const CALLS: Array<[string, Record<string, unknown>]> = [
  ["obtener_cliente", { nombre: "a" }],
  ["consultar_empresa", { nombre: "Empresa Z" }],
  ["resumen_pipeline", {}],
  ["buscar_registros", { modelo: "crm.lead", filtros: [["stage_id.name", "ilike", "prop"]] }],
];

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function latency(): Promise<BenchTable> {
  const rows: Array<Array<string | number>> = [];
  for (const setup of SETUPS) {
    const odoo = await startFakeOdoo({ version: setup.version });
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [ENTRY],
      env: {
        PATH: process.env.PATH ?? "",
        ODOO_URL: odoo.url,
        ODOO_DB: odoo.database,
        ODOO_USER: odoo.login,
        ODOO_API_KEY: odoo.apiKey,
        ...setup.env,
      },
      stderr: "ignore",
    });
    const client = new Client({ name: "odoo-bench", version: "1.0.0" });
    const startMs = await timed(async () => {
      await client.connect(transport);
      await client.listTools();
    });
    let first = true;
    for (const [name, args] of CALLS) {
      const before = odoo.requests.length;
      const coldMs = await timed(() => client.callTool({ name, arguments: args }));
      const coldRequests = odoo.requests.length - before;
      const warmStart = odoo.requests.length;
      const samples: number[] = [];
      for (let index = 0; index < WARM_CALLS; index++) {
        samples.push(await timed(() => client.callTool({ name, arguments: args })));
      }
      const warmRequests = (odoo.requests.length - warmStart) / WARM_CALLS;
      rows.push([
        setup.label,
        name,
        first ? startMs : "",
        coldMs,
        coldRequests,
        percentile(samples, 50),
        percentile(samples, 95),
        warmRequests,
      ]);
      first = false;
    }
    await client.close();
    await odoo.close();
  }
  return {
    title: "Odoo tools over stdio against the fake Odoo (ms)",
    columns: ["setup", "tool", "start+list", "first call", "Odoo req (first)", "p50", "p95", "Odoo req/call"],
    rows,
    notes: [
      `start+list: spawn dist/servers/odoo/main.js, MCP initialize, tools/list. ${WARM_CALLS} warm calls per tool.`,
      "first call includes version detection, login (XML-RPC) and fields_get of the models the tool reads; later calls reuse them.",
      "The fake answers in microseconds: figures are agente's overhead, a real Odoo adds its own time per request.",
    ],
  };
}

async function codec(): Promise<BenchTable> {
  const records: XmlRpcValue[] = Array.from({ length: 100 }, (_, index) => ({
    id: index + 1,
    name: `Partner ${index} & Co <test>`,
    email: `partner${index}@example.com`,
    country_id: [68, "Spain"],
    is_company: index % 2 === 0,
    credit_limit: 1500.5,
    phone: false,
  }));
  const xml = encodeMethodResponse({ kind: "value", value: records });
  const rounds = sized(200, 5);
  const encodeMs = await timed(async () => {
    for (let index = 0; index < rounds; index++) encodeMethodResponse({ kind: "value", value: records });
  });
  const decodeMs = await timed(async () => {
    for (let index = 0; index < rounds; index++) decodeMethodResponse(xml);
  });
  return {
    title: "XML-RPC codec, a 100-record search_read answer",
    columns: ["operation", "ms per answer", "answer size (KB)"],
    rows: [
      ["encode", encodeMs / rounds, xml.length / 1024],
      ["decode (htmlparser2, streaming)", decodeMs / rounds, xml.length / 1024],
    ],
    notes: [`${rounds} rounds each.`],
  };
}

export default (async () => [await latency(), await codec()]) satisfies Bench;
