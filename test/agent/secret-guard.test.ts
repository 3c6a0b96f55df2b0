import { describe, expect, it } from "vitest";
import { hideSecrets, secretValues, withSecretsHidden } from "../../src/agent/secret-guard.js";
import type { ToolHub } from "../../src/mcp/tool-hub.js";

describe("secret guard", () => {
  it("collects secret-named values and passwords inside URLs, not ordinary settings", () => {
    const secrets = secretValues({
      ODOO_API_KEY: "0123456789abcdef",
      OPENAI_API_KEY: "sk-test-123456",
      DATABASE_URL: "postgres://agente:s3cr3t-pw@localhost:5432/demo",
      AGENTE_MEMORY_URL: "postgres://localhost/memory",
      ODOO_URL: "http://odoo:8069",
      ODOO_WRITE: "1",
      HOME: "/home/ana",
      SHORT_TOKEN: "abc",
    });
    expect(secrets).toEqual([
      "postgres://agente:s3cr3t-pw@localhost:5432/demo",
      "0123456789abcdef",
      "sk-test-123456",
      "s3cr3t-pw",
    ]);
  });

  it("hides every occurrence, the whole URL before the password inside it", () => {
    const secrets = secretValues({ DATABASE_URL: "postgres://agente:s3cr3t-pw@db/demo" });
    expect(hideSecrets("DATABASE_URL='postgres://agente:s3cr3t-pw@db/demo'\npw=s3cr3t-pw", secrets)).toBe(
      "DATABASE_URL='[redacted]'\npw=[redacted]",
    );
  });

  // Regression: the filesystem server that `agente init` shares read `.env`, and the model saw the password.
  it("hides secrets in text and structured tool results before the agent reads them", async () => {
    const hub: ToolHub = {
      tools: () => [],
      callTool: async () => ({
        content: [{ type: "text", text: "ODOO_API_KEY=0123456789abcdef" }],
        structuredContent: { lines: ["key 0123456789abcdef"] },
      }),
    };
    const guarded = withSecretsHidden(hub, secretValues({ ODOO_API_KEY: "0123456789abcdef" }));
    const result = await guarded.callTool("read_text_file", { path: ".env" });
    expect(JSON.stringify(result)).not.toContain("0123456789abcdef");
    expect(result.content[0]).toEqual({ type: "text", text: "ODOO_API_KEY=[redacted]" });
  });

  it("cleans tool descriptions and schemas, handing out the same list while the hub's does not change", () => {
    const list = [
      {
        name: "buscar",
        originalName: "buscar",
        server: "erp",
        description: "usa la clave 0123456789abcdef",
        inputSchema: {
          type: "object",
          properties: { q: { type: "string", description: "0123456789ABCDEF" } },
        },
        annotations: {},
        serverRequiresApproval: false,
      },
    ];
    const hub: ToolHub = { tools: () => list, callTool: async () => ({ content: [] }) };
    const guarded = withSecretsHidden(hub, secretValues({ ODOO_API_KEY: "0123456789abcdef" }));
    const tools = guarded.tools();
    expect(JSON.stringify(tools)).not.toMatch(/0123456789abcdef/i);
    expect(tools[0]?.description).toBe("usa la clave [redacted]");
    expect(guarded.tools()).toBe(tools);
  });
});
