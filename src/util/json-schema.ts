/**
 * A JSON Schema object as it travels through agente: a tool's `inputSchema` / `outputSchema` from an MCP
 * server, the action schema handed to a model provider. Its own file at the bottom so the hub and the
 * providers share it without importing each other.
 */
export type JsonSchema = {
  type?: string;
  properties?: Record<string, unknown>;
  required?: string[];
} & Record<string, unknown>;
