/** One mapping from a listed tool to what the hub exposes: the hub, the eval's catalogues and the test hub share it. */
import { describe, expect, it } from "vitest";
import { catalogueTools } from "../../src/eval/catalogue-tools.js";
import { exposeTool } from "../../src/mcp/exposed-tool.js";

const listed = {
  name: "consultar_empresa",
  title: "Consultar empresa",
  description: "Ficha de una empresa",
  inputSchema: { type: "object" as const, properties: { nombre: { type: "string" } }, required: ["nombre"] },
  annotations: { readOnlyHint: true },
};

describe("exposeTool", () => {
  it("keeps the server's fields, names the server, and takes the hub's unique name", () => {
    expect(
      exposeTool(listed, { server: "odoo", name: "odoo__consultar_empresa", requireApproval: true }),
    ).toEqual({
      name: "odoo__consultar_empresa",
      originalName: "consultar_empresa",
      server: "odoo",
      title: "Consultar empresa",
      description: "Ficha de una empresa",
      inputSchema: listed.inputSchema,
      annotations: { readOnlyHint: true },
      serverRequiresApproval: true,
    });
  });

  it("fills what a server may leave out: no description, no annotations, no title", () => {
    expect(
      exposeTool({ name: "x", inputSchema: { type: "object" } }, { server: "s", requireApproval: false }),
    ).toEqual({
      name: "x",
      originalName: "x",
      server: "s",
      description: "",
      inputSchema: { type: "object" },
      annotations: {},
      serverRequiresApproval: false,
    });
  });

  it("is what the eval's catalogue gives, so the bench ranks the tools the hub would show", () => {
    const [fromCatalogue] = catalogueTools({ name: "odoo", tools: [{ ...listed, result: {} }] });
    expect(fromCatalogue).toEqual(exposeTool(listed, { server: "odoo", requireApproval: false }));
  });
});
