/**
 * Keeps the host's secrets out of what the model reads. A tool can return a secret the host holds (the
 * filesystem server reading `.env`, a server echoing its connection string): every value of a
 * secret-looking variable in agente's environment is replaced by `[redacted]` in tool results before the
 * model, the terminal or the trace see them.
 */
import type { CallOptions, ExposedTool, ToolHub, ToolResult } from "../mcp/tool-hub.js";

const SECRET_NAME = /(KEY|TOKEN|SECRET|PASSWORD|PASSWD|PASS|CREDENTIALS?|AUTH|DSN)$/i;
/** Shorter values ("1", "true", a port) are not secrets and would redact ordinary text. */
const MIN_SECRET_LENGTH = 6;
export const REDACTED = "[redacted]";

/** Secret values in an environment: whole values of secret-named variables, and passwords inside URLs. */
export function secretValues(env: Record<string, string | undefined>): string[] {
  const secrets = new Set<string>();
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || value.length < MIN_SECRET_LENGTH) continue;
    const password = urlPassword(value);
    if (password !== undefined && password.length >= 3) {
      secrets.add(password);
      secrets.add(value);
    } else if (SECRET_NAME.test(name)) {
      secrets.add(value);
    }
  }
  // Longest first, so a URL is replaced whole before the password inside it.
  return [...secrets].sort((a, b) => b.length - a.length);
}

export function hideSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) if (result.includes(secret)) result = result.split(secret).join(REDACTED);
  return result;
}

/** A `ToolHub` whose results never carry one of `secrets`. */
export function withSecretsHidden(hub: ToolHub, secrets: readonly string[]): ToolHub {
  if (secrets.length === 0) return hub;
  return {
    tools: (): ExposedTool[] => hub.tools(),
    async callTool(name: string, args: Record<string, unknown>, options?: CallOptions): Promise<ToolResult> {
      const result = await hub.callTool(name, args, options);
      return hideIn(result, secrets) as ToolResult;
    },
  };
}

function hideIn(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === "string") return hideSecrets(value, secrets);
  if (Array.isArray(value)) return value.map((entry) => hideIn(entry, secrets));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, hideIn(entry, secrets)]));
  }
  return value;
}

function urlPassword(value: string): string | undefined {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return undefined;
  try {
    const password = decodeURIComponent(new URL(value).password);
    return password === "" ? undefined : password;
  } catch {
    return undefined;
  }
}
