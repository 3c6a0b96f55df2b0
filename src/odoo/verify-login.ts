/**
 * The start-up check of the Odoo server: reach Odoo, detect its version and log in, before serving a
 * single tool. A server that starts only when its login works lets `agente servers` and `doctor` tell
 * the truth (`down: Odoo refused the API key …`) instead of `up` until the first call fails.
 */
import type { OdooConfig } from "./config.js";
import { type OdooConnection, openOdooConnection } from "./connect.js";
import type { HttpClient } from "./http.js";

/**
 * Opens a connection and makes one authenticated call (`res.users.search_count`, which every internal
 * user may run, on both protocols). Throws the `OdooError` that says what is wrong (credentials,
 * unreachable, timeout, …).
 */
export async function openVerifiedConnection(config: OdooConfig, http: HttpClient): Promise<OdooConnection> {
  const connection = await openOdooConnection(config, http);
  await connection.transport.call({
    model: "res.users",
    method: "search_count",
    params: { domain: [["id", "=", 0]] },
  });
  return connection;
}

/** `ODOO_CHECK_LOGIN=0|false|no|off` turns the start-up check off (tools then meet any failure themselves). */
export function loginCheckEnabled(env: NodeJS.ProcessEnv): boolean {
  const value = env.ODOO_CHECK_LOGIN?.trim().toLowerCase();
  return !(value === "0" || value === "false" || value === "no" || value === "off");
}
