/**
 * Keeps the host's secrets out of what the model reads. A tool can return a secret the host holds (the
 * filesystem server reading `.env`, a server echoing its connection string), and a server's tool list can
 * carry one in a description or schema: every form of every secret-looking value in agente's environment
 * (see `util/secret-redaction.ts`) is replaced by `[redacted]` before the model, the terminal or the trace
 * see it.
 */
import type { CallOptions, ExposedTool, ToolHub, ToolResult } from "../mcp/tool-hub.js";
import { REDACTED, Redactor, secretValues } from "../util/secret-redaction.js";

export { REDACTED, secretValues };

export function hideSecrets(text: string, secrets: readonly string[]): string {
  return new Redactor(secrets).text(text);
}

/** A `ToolHub` whose tools and results never carry one of `secrets`, nor its errors. */
export function withSecretsHidden(hub: ToolHub, secrets: readonly string[]): ToolHub {
  const redactor = new Redactor(secrets);
  if (redactor.empty) return hub;
  // The same array out for the same array in: rankers cache their index by the tool list's identity.
  let seen: ExposedTool[] | undefined;
  let cleaned: ExposedTool[] = [];
  return {
    tools: (): ExposedTool[] => {
      const tools = hub.tools();
      if (tools !== seen) {
        seen = tools;
        cleaned = tools.map((tool) => redactor.value(tool));
      }
      return cleaned;
    },
    async callTool(name: string, args: Record<string, unknown>, options?: CallOptions): Promise<ToolResult> {
      try {
        return redactor.value(await hub.callTool(name, args, options));
      } catch (error) {
        throw redactor.error(error);
      }
    },
  };
}
