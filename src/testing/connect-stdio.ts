/**
 * Starts a stdio MCP server with the SDK's own client, the way any MCP host would, and keeps its
 * stderr for assertions and failure messages.
 */

import { Client } from "@modelcontextprotocol/client";
import { getDefaultEnvironment, StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import type { ServerCommand } from "../config/starter-config.js";

export interface StdioSession {
  client: Client;
  /** Everything the server wrote on stderr so far. */
  stderr(): string;
  close(): Promise<void>;
}

export async function connectStdio(
  server: ServerCommand,
  env: Record<string, string> = {},
): Promise<StdioSession> {
  const transport = new StdioClientTransport({
    command: server.command,
    args: server.args,
    env: { ...getDefaultEnvironment(), ...env },
    stderr: "pipe",
  });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const client = new Client({ name: "agente-community-test", version: "0.0.0" });
  try {
    await client.connect(transport);
  } catch (error) {
    await transport.close().catch(() => undefined);
    throw new Error(
      `could not connect: ${error instanceof Error ? error.message : String(error)}; stderr: ${stderr}`,
      {
        cause: error,
      },
    );
  }
  return { client, stderr: () => stderr, close: () => client.close() };
}

/** The text of a tool result's first text part. */
export function firstText(result: unknown): string {
  const content = (result as { content?: Array<{ type: string; text?: string }> }).content ?? [];
  return content.find((part) => part.type === "text")?.text ?? "";
}
