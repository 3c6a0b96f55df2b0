/**
 * A real MCP server wired to a real MCP client through `InMemoryTransport`, seen through the `ToolHub`
 * interface: what the agent uses in tests instead of the stdio hub.
 */

import { Client } from "@modelcontextprotocol/client";
import type { McpServer } from "@modelcontextprotocol/server";
import { InMemoryTransport } from "@modelcontextprotocol/server";
import { exposeTool } from "../../src/mcp/exposed-tool.js";
import type { CallOptions, ExposedTool, ToolHub, ToolResult } from "../../src/mcp/tool-hub.js";
import { Redactor } from "../../src/util/secret-redaction.js";

export interface InMemoryHub extends ToolHub {
  /** Every call that reached the server, in order. */
  readonly calls: Array<{ name: string; args: Record<string, unknown> }>;
  close(): Promise<void>;
}

export async function connectInMemoryHub(
  server: McpServer,
  options: {
    serverName?: string;
    requireApproval?: boolean;
    /** Hidden in tools and results, as `McpHub` hides the host's secrets. */
    secrets?: readonly string[];
  } = {},
): Promise<InMemoryHub> {
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: "agente-test", version: "0.0.0" });
  await server.connect(serverTransport);
  await client.connect(clientTransport);
  const listed = await client.listTools();
  const serverName = options.serverName ?? "test";
  const redactor = new Redactor(options.secrets ?? []);
  const listedTools: ExposedTool[] = listed.tools.map((tool) =>
    exposeTool(tool, { server: serverName, requireApproval: options.requireApproval ?? false }),
  );
  const tools = redactor.value(listedTools);
  const calls: Array<{ name: string; args: Record<string, unknown> }> = [];
  return {
    calls,
    tools: () => tools,
    async callTool(
      name: string,
      args: Record<string, unknown>,
      callOptions: CallOptions = {},
    ): Promise<ToolResult> {
      if (!tools.some((tool) => tool.name === name)) throw new Error(`unknown tool ${name}`);
      calls.push({ name, args });
      return redactor.value(
        (await client.callTool(
          { name, arguments: args, ...(callOptions.meta ? { _meta: callOptions.meta } : {}) },
          {
            ...(callOptions.signal ? { signal: callOptions.signal } : {}),
            ...(callOptions.timeoutMs ? { timeout: callOptions.timeoutMs } : {}),
          },
        )) as ToolResult,
      );
    },
    async close() {
      await client.close();
      await server.close();
    },
  };
}
