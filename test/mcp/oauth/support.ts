/** Shared set-up of the OAuth CLI tests: a config folder, a data folder and the $BROWSER program. */
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const BROWSER_SCRIPT = fileURLToPath(new URL("../../fixtures/oauth/browser.mjs", import.meta.url));

export interface OAuthSetup {
  cwd: string;
  dataHome: string;
  browserLog: string;
  env: NodeJS.ProcessEnv;
}

export async function oauthSetup(
  server: Record<string, unknown>,
  options: { browser?: boolean; env?: Record<string, string> } = {},
): Promise<OAuthSetup> {
  const cwd = await mkdtemp(join(tmpdir(), "agente-oauth-"));
  const dataHome = join(cwd, "data");
  const browserLog = join(cwd, "browser.log");
  await writeFile(join(cwd, "agente.json"), JSON.stringify({ mcpServers: { crm: server } }, null, 2));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: "/nonexistent-home",
    XDG_DATA_HOME: dataHome,
    OAUTH_BROWSER_LOG: browserLog,
    AGENTE_LANG: "en",
    ...options.env,
  };
  if (options.browser ?? true) env.BROWSER = `${process.execPath} ${BROWSER_SCRIPT}`;
  else delete env.BROWSER;
  return { cwd, dataHome, browserLog, env };
}

export interface StoredLogin {
  path: string;
  json: {
    tokens: { access_token: string; refresh_token?: string; scope?: string };
    client?: { client_id: string };
    redirectPort?: number;
  };
}

export function storedLogin(dataHome: string): StoredLogin {
  const folder = join(dataHome, "agente", "oauth");
  const [file] = readdirSync(folder);
  if (file === undefined) throw new Error("no stored login");
  const path = join(folder, file);
  return { path, json: JSON.parse(readFileSync(path, "utf8")) };
}

export function browserRuns(log: string): number {
  try {
    return readFileSync(log, "utf8")
      .split("\n")
      .filter((line) => line !== "").length;
  } catch {
    return 0;
  }
}
