/** What the protocol handlers of one fake Odoo share: its settings, its database and its ORM. */

import type { OdooVersion } from "./models.js";
import { Orm } from "./orm.js";
import { Store } from "./store.js";

export interface ResolvedOptions {
  version: OdooVersion;
  database: string;
  login: string;
  password: string;
  apiKey: string;
  hrInstalled: boolean;
  readOnlyUser: boolean;
}

/** The uid `authenticate` returns for the configured login (Odoo's admin is uid 2). */
export const USER_ID = 2;

export interface ServerState {
  options: ResolvedOptions;
  store: Store;
  orm: Orm;
}

/** Odoo writes datetimes as "YYYY-MM-DD HH:MM:SS" in UTC. */
export function odooNow(): string {
  return new Date().toISOString().slice(0, 19).replace("T", " ");
}

export function createServerState(options: ResolvedOptions): ServerState {
  const store = new Store(options.version, options.hrInstalled, options.login);
  const orm = new Orm(store, { uid: USER_ID, readOnlyUser: options.readOnlyUser, now: odooNow });
  return { options, store, orm };
}

/** `common.version()` and `/web/webclient/version_info`. */
export function versionInfo(version: OdooVersion): Record<string, unknown> {
  return {
    server_version: `${version}.0`,
    server_version_info: [version, 0, 0, "final", 0, ""],
    server_serie: `${version}.0`,
    protocol_version: 1,
  };
}
