/**
 * Starts agente's Odoo server as a child process (`node --import tsx src/servers/odoo/main.ts`) and
 * connects a real MCP client to it over stdio, as the hub does. Collects the server's stderr.
 */
import { fileURLToPath } from "node:url";
import type { CallToolResult } from "@modelcontextprotocol/client";
import { Client } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import type { FakeOdoo } from "../../../src/testing/fake-odoo/index.js";

const entry = fileURLToPath(new URL("../../../src/servers/odoo/main.ts", import.meta.url));

export interface OdooStdio {
  client: Client;
  /** Everything the server wrote on stderr so far. */
  stderr(): string;
  call(name: string, args: Record<string, unknown>): Promise<CallToolResult>;
  close(): Promise<void>;
}

/** The env that points the server at a fake Odoo with an API key; `overrides` replace or add keys. */
export function envFor(odoo: FakeOdoo, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    ODOO_URL: odoo.url,
    ODOO_DB: odoo.database,
    ODOO_USER: odoo.login,
    ODOO_API_KEY: odoo.apiKey,
    ODOO_TIMEOUT_MS: "5000",
    ...overrides,
  };
}

export async function startOdooStdio(env: Record<string, string>): Promise<OdooStdio> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ["--import", "tsx", entry],
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/root", ...env },
    stderr: "pipe",
  });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const client = new Client({ name: "odoo-test", version: "1.0.0" });
  await client.connect(transport);
  return {
    client,
    stderr: () => stderr,
    call: async (name, args) => (await client.callTool({ name, arguments: args })) as CallToolResult,
    close: () => client.close(),
  };
}

/** The text of a tool result's first content part. */
export function textOf(result: CallToolResult): string {
  const first = result.content[0];
  return first !== undefined && first.type === "text" ? first.text : "";
}
