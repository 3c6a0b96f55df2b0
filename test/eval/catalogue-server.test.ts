import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client, InMemoryTransport } from "@modelcontextprotocol/client";
import { describe, expect, it } from "vitest";
import { type Catalogue, fillTemplate, loadCatalogue } from "../../src/eval/servers/catalogue.js";
import { createCatalogueServer } from "../../src/eval/servers/catalogue-server.js";

const catalogue: Catalogue = {
  name: "demo",
  tools: [
    {
      name: "consultar_empresa",
      description: "Consulta una empresa.",
      inputSchema: { type: "object", properties: { nombre: { type: "string" } }, required: ["nombre"] },
      annotations: { readOnlyHint: true },
      result: { nombre: "{{nombre}}", empleados: 120 },
    },
    {
      name: "hora",
      description: "La hora.",
      inputSchema: { type: "object", properties: {} },
      result: "Son las {{zona}}10:00",
    },
  ],
};

async function connect() {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await createCatalogueServer(catalogue).connect(serverSide);
  const client = new Client({ name: "test", version: "0" });
  await client.connect(clientSide);
  return client;
}

describe("the catalogue fixture server", () => {
  it("lists the tools exactly as the catalogue declares them", async () => {
    const client = await connect();
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(["consultar_empresa", "hora"]);
    expect(tools[0]?.inputSchema).toEqual(catalogue.tools[0]?.inputSchema);
    expect(tools[0]?.annotations).toEqual({ readOnlyHint: true });
    await client.close();
  });

  it("answers with the canned result filled with the arguments, as text and structured content", async () => {
    const client = await connect();
    const result = await client.callTool({ name: "consultar_empresa", arguments: { nombre: "Acme" } });
    expect(result.structuredContent).toEqual({ nombre: "Acme", empleados: 120 });
    expect(result.content).toEqual([{ type: "text", text: '{"nombre":"Acme","empleados":120}' }]);
    const text = await client.callTool({ name: "hora", arguments: {} });
    expect(text.content).toEqual([{ type: "text", text: "Son las 10:00" }]);
    await client.close();
  });

  it("rejects arguments that break the tool's schema as a tool error the model can read", async () => {
    const client = await connect();
    const result = await client.callTool({ name: "consultar_empresa", arguments: { empresa: "Acme" } });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain("invalid arguments for consultar_empresa");
    await client.close();
  });
});

describe("loadCatalogue", () => {
  it("says which file and field is wrong", async () => {
    const directory = mkdtempSync(join(tmpdir(), "agente-catalogue-"));
    const bad = join(directory, "bad.json");
    writeFileSync(
      bad,
      JSON.stringify({
        name: "x",
        tools: [{ name: "has space", description: "", inputSchema: { type: "object" } }],
      }),
    );
    await expect(loadCatalogue(bad)).rejects.toThrow(`the tool catalogue ${bad} is invalid at tools.0.name`);
    const twice = join(directory, "twice.json");
    const entry = { name: "a", description: "", inputSchema: { type: "object" }, result: 1 };
    writeFileSync(twice, JSON.stringify({ name: "x", tools: [entry, entry] }));
    await expect(loadCatalogue(twice)).rejects.toThrow("has two tools named a");
    await expect(loadCatalogue(join(directory, "missing.json"))).rejects.toThrow(
      "cannot read the tool catalogue",
    );
  });

  it("fills templates deep inside results and leaves other values alone", () => {
    expect(fillTemplate({ a: ["{{x}}-{{y}}", 3, null], b: "{{n}}" }, { x: "1", n: 5 })).toEqual({
      a: ["1-", 3, null],
      b: "5",
    });
  });
});
