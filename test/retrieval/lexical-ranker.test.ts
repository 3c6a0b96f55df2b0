import { describe, expect, it } from "vitest";
import { LexicalRanker } from "../../src/retrieval/lexical-ranker.js";
import { splitIdentifier, toolDocument } from "../../src/retrieval/tool-ranker.js";
import { SEED_TOOLS, tool } from "./support.js";

const top = async (message: string) => (await new LexicalRanker().rank(message, SEED_TOOLS))[0];

describe("LexicalRanker", () => {
  it("puts the tool whose name and description share the question's words first", async () => {
    expect((await top("Consulta la empresa Acme"))?.tool.name).toBe("consultar_empresa");
    expect((await top("¿Qué tiempo hace en Bilbao? weather"))?.tool.name).toBe("get_weather");
    expect((await top("Lee el fichero /datos/presupuesto.txt"))?.tool.name).toBe("read_file");
  });

  it("finds a Spanish tool from an English question and an English tool from a Spanish one", async () => {
    expect((await top("Look up the company Iberia Foods"))?.tool.name).toBe("consultar_empresa");
    expect((await top("Get the customer record for Café Central"))?.tool.name).toBe("obtener_cliente");
    expect((await top("Ejecuta una consulta SQL en la base de datos"))?.tool.name).toBe("query");
  });

  it("folds accents, case and plurals", async () => {
    expect((await top("EMPRESAS"))?.tool.name).toBe("consultar_empresa");
    expect((await top("documentación"))?.tool.name).toBe("buscar_documentos");
  });

  it("explains each score with the matched words, and says when nothing matched", async () => {
    const ranked = await new LexicalRanker().rank("la empresa", SEED_TOOLS);
    expect(ranked[0]?.why).toMatch(/^matched: .*empresa/);
    const weather = ranked.find((entry) => entry.tool.name === "get_weather");
    expect(weather?.score).toBe(0);
    expect(weather?.why).toBe("no words in common");
  });

  it("keeps the hub's order among equal scores and ranks every tool", async () => {
    const ranked = await new LexicalRanker().rank("zzz", SEED_TOOLS);
    expect(ranked.map((entry) => entry.tool.name)).toEqual(SEED_TOOLS.map((entry) => entry.name));
  });

  it("indexes argument names and their descriptions", async () => {
    const tools = [
      tool("alpha", "Does things.", { matricula: { type: "string", description: "placa del vehículo" } }),
      tool("beta", "Does other things.", { nombre: { type: "string" } }),
    ];
    expect((await new LexicalRanker().rank("matrícula", tools))[0]?.tool.name).toBe("alpha");
    expect((await new LexicalRanker().rank("vehículo", tools))[0]?.tool.name).toBe("alpha");
  });

  it("splits identifiers in snake, kebab and camel case, and names a prefixed tool with its server", () => {
    expect(splitIdentifier("consultar_empresa")).toBe("consultar empresa");
    expect(splitIdentifier("listDirectory")).toBe("list Directory");
    expect(splitIdentifier("maps-geocode")).toBe("maps geocode");
    const clashed = { ...tool("odoo__buscar", "x"), originalName: "buscar", server: "odoo" };
    expect(toolDocument(clashed).name).toBe("odoo buscar");
  });
});
