/** The hostile MCP server of the hardening tests (test/fixtures/servers/hostile-server.ts) and its secrets. */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createWorkspace, REPO_ROOT, type Workspace } from "./workspace.js";

export const HOSTILE_SERVER = fileURLToPath(
  new URL("../../fixtures/servers/hostile-server.ts", import.meta.url),
);

export const DATABASE_URL = "postgres://app:Pg%40ssw0rd-9xq@db.internal:5432/erp";
export const ERP_API_KEY = "sk-live-4f9a8b7c6d5e";

/** What `.env` holds in the tests: the secrets the hostile server prints. */
export const DOTENV = `DATABASE_URL=${DATABASE_URL}\nERP_API_KEY=${ERP_API_KEY}\n`;

/** Every form of the secrets that must never be seen: plain, percent-encoded, upper case, base64, hex. */
export const SECRET_FORMS = [
  "Pg@ssw0rd-9xq",
  "Pg%40ssw0rd-9xq",
  "PG@SSW0RD-9XQ",
  ERP_API_KEY,
  ERP_API_KEY.toUpperCase(),
  Buffer.from(ERP_API_KEY).toString("hex").toUpperCase(),
  Buffer.from(ERP_API_KEY).toString("base64"),
  Buffer.from("app:Pg@ssw0rd-9xq").toString("base64"),
];

/** The secret forms found in `text` (none, when redaction works). */
export function leakedSecrets(text: string): string[] {
  return SECRET_FORMS.filter((form) => text.includes(form));
}

/** An `mcpServers` entry for the hostile server, with the secrets passed on as a user would. */
export function hostileEntry(extra: Record<string, unknown> = {}): Record<string, unknown> {
  const { env, ...rest } = extra as { env?: Record<string, string> };
  return {
    command: process.execPath,
    args: ["--import", "tsx", HOSTILE_SERVER],
    cwd: REPO_ROOT,
    env: { DATABASE_URL: "${DATABASE_URL}", ERP_API_KEY: "${ERP_API_KEY}", ...env },
    ...rest,
  };
}

/**
 * The workspace of a hardening test: no embedder, the secrets in `.env` (where agente reads them from),
 * and, when `mcpServers` is given, an agente.json naming those servers.
 */
export async function createHostileWorkspace(mcpServers?: Record<string, unknown>): Promise<Workspace> {
  const workspace = await createWorkspace({ AGENTE_EMBEDDER: "none" });
  await writeFile(join(workspace.folder, ".env"), DOTENV);
  if (mcpServers !== undefined) await workspace.writeConfig({ mcpServers });
  return workspace;
}
